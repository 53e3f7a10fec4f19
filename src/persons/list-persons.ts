import type { Sql } from '../db/client.js';
import { accessExpression, type Access } from './access-state.js';
import type { Role } from './roles.js';

export interface PersonListFilter {
  role?: Role;
  search?: string;
  access?: Access;
}

export interface PersonListItem {
  id: number;
  nom: string;
  prenom: string;
  role: Role;
  email: string | null;
  telephone1: string | null;
  access: Access;
}

const likePattern = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/**
 * `--search` as names are typed: case and accents ignored (helene finds « Hélène », lefevre
 * « Lefèvre ») on nom, prénom, both, the e-mail on file and the account's, by zdl.search_fold
 * (migration 008) on both sides; and on a phone's digits, national (06 12…) or international.
 */
function searchCondition(sql: Sql, search: string | undefined) {
  const text = search?.trim();
  if (!text) return sql`true`;
  const pattern = likePattern(text);
  const digits = text.replace(/\D/g, '');
  // Only a search that looks like a number is one: « 2 rue » is not phone digits.
  const phone = /^[\d\s.+()-]+$/.test(text) && digits.length >= 2 ? likePattern(digits) : null;
  const fold = (column: ReturnType<Sql>) => sql`zdl.search_fold(${column}) like zdl.search_fold(${pattern})`;
  const phoneDigits = (column: ReturnType<Sql>) => sql`(
    regexp_replace(${column}, '[^0-9]', '', 'g') like ${phone}
    or ('0' || substr(regexp_replace(${column}, '[^0-9]', '', 'g'), 3) like ${phone} and ${column} like '+33%'))`;
  return sql`(${fold(sql`p.nom`)} or ${fold(sql`p.prenom`)}
    or ${fold(sql`p.prenom || ' ' || p.nom`)} or ${fold(sql`p.nom || ' ' || p.prenom`)}
    or ${fold(sql`p.email`)} or ${fold(sql`a.email`)}
    ${phone === null ? sql`` : sql`or ${phoneDigits(sql`p.telephone1`)} or ${phoneDigits(sql`p.telephone2`)}`})`;
}

export async function listPersons(sql: Sql, filter: PersonListFilter, now: Date): Promise<PersonListItem[]> {
  return sql<PersonListItem[]>`
    select * from (
      select p.id, p.nom, p.prenom, p.role, p.email, p.telephone1, ${accessExpression(sql, now)} as access
      from zdl.personnes p left join zdl.accounts a on a.personne_id = p.id
      where (${filter.role ?? null}::text is null or p.role = ${filter.role ?? null})
        and ${searchCondition(sql, filter.search)}
    ) listed
    where ${filter.access ?? null}::text is null or access = ${filter.access ?? null}
    order by lower(nom), lower(prenom), id`;
}

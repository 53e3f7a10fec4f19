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
  access: Access;
}

export async function listPersons(sql: Sql, filter: PersonListFilter, now: Date): Promise<PersonListItem[]> {
  const pattern = filter.search ? `%${filter.search.trim().replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null;
  return sql<PersonListItem[]>`
    select * from (
      select p.id, p.nom, p.prenom, p.role, p.email, ${accessExpression(sql, now)} as access
      from zdl.personnes p left join zdl.accounts a on a.personne_id = p.id
      where (${filter.role ?? null}::text is null or p.role = ${filter.role ?? null})
        and (${pattern}::text is null
             or p.nom ilike ${pattern} or p.prenom ilike ${pattern} or p.email ilike ${pattern}
             or (p.prenom || ' ' || p.nom) ilike ${pattern} or (p.nom || ' ' || p.prenom) ilike ${pattern})
    ) listed
    where ${filter.access ?? null}::text is null or access = ${filter.access ?? null}
    order by lower(nom), lower(prenom), id`;
}

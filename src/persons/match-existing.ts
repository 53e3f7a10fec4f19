import type { Sql } from '../db/client.js';
import type { CsvPerson, CsvRowError } from './parse-persons-csv.js';
import type { Person } from './person.js';
import type { PersonInput } from './person-input.js';

// Re-importing the same file is a normal thing to do: each row is matched with the person it
// already is, by e-mail, or (a row without e-mail) by nom + prénom + téléphone 1.

export const ON_EXISTING = ['fail', 'skip', 'update'] as const;
export type OnExisting = (typeof ON_EXISTING)[number];

export interface MatchedRow {
  line: number;
  person: Person;
  /** The fields a row changes on the person (`update`); empty: the row is skipped. */
  changes: Partial<PersonInput>;
}

export interface MatchResult {
  fresh: CsvPerson[];
  matched: MatchedRow[];
  errors: CsvRowError[];
}

const fold = (value: string) => value.normalize('NFD').replace(/\p{M}/gu, '').replace(/\s+/g, ' ').trim().toLowerCase();
const nameKey = (p: { nom: string; prenom: string; telephone1: string | null }) =>
  `${fold(p.nom)}\u0000${fold(p.prenom)}\u0000${p.telephone1 ?? ''}`;

/** What an `update` row changes: only its non-blank cells, and only where they differ. */
function changesOf(row: CsvPerson, person: Person): Partial<PersonInput> {
  const changes: Record<string, unknown> = {};
  for (const field of row.given) {
    if (row.input[field] !== person[field]) changes[field] = row.input[field];
  }
  return changes as Partial<PersonInput>;
}

function why(row: CsvPerson, person: Person): string {
  return row.input.email
    ? `e-mail ${row.input.email} déjà utilisé par une personne existante (n°${person.id})`
    : `même nom, prénom et téléphone que la personne existante n°${person.id}`;
}

/** Splits rows into new people and existing ones, batch after batch of the same file. */
export type ExistingMatcher = (rows: CsvPerson[]) => MatchResult;

/**
 * Reads the persons on file once (inside the import's transaction); the matcher it returns
 * remembers which existing person each earlier row claimed. `fail` makes every match a refused row.
 */
export async function loadExistingMatcher(sql: Sql, onExisting: OnExisting): Promise<ExistingMatcher> {
  const existing = await sql<Person[]>`select * from zdl.personnes`;
  const byEmail = new Map(existing.filter((p) => p.email).map((p) => [p.email!.toLowerCase(), p]));
  const byName = new Map<string, Person[]>();
  for (const person of existing) byName.set(nameKey(person), [...(byName.get(nameKey(person)) ?? []), person]);
  const claimed = new Map<number, number>();

  return (rows) => {
    const result: MatchResult = { fresh: [], matched: [], errors: [] };
    for (const row of rows) {
      const candidates = row.input.email
        ? [byEmail.get(row.input.email.toLowerCase())].filter((p) => p !== undefined)
        : (byName.get(nameKey(row.input)) ?? []);
      if (candidates.length === 0) {
        result.fresh.push(row);
        continue;
      }
      const reject = (reason: string) => result.errors.push({ line: row.line, reason });
      if (candidates.length > 1) {
        reject(
          `plusieurs personnes existantes ont ces nom, prénom et téléphone (n°${candidates.map((p) => p.id).join(', n°')}) : ajoutez l’e-mail pour choisir`,
        );
        continue;
      }
      const person = candidates[0]!;
      if (onExisting === 'fail') {
        reject(`${why(row, person)} (--on-existing skip ou update pour réimporter)`);
        continue;
      }
      const first = claimed.get(person.id);
      if (first !== undefined) {
        reject(`même personne existante (n°${person.id}) que la ligne ${first}`);
        continue;
      }
      claimed.set(person.id, row.line);
      result.matched.push({ line: row.line, person, changes: onExisting === 'update' ? changesOf(row, person) : {} });
    }
    return result;
  };
}

/** Writes the `update` rows' changes, each audited as a modification by the import. */
export async function applyUpdates(sql: Sql, rows: MatchedRow[], ctx: { actor: string; now: Date }): Promise<Person[]> {
  const updated: Person[] = [];
  for (const row of rows) {
    const fields = Object.keys(row.changes);
    const [person] = await sql<Person[]>`
      update zdl.personnes set ${sql(row.changes as Record<string, string | null>, ...fields)}, updated_at = ${ctx.now}
      where id = ${row.person.id} returning *`;
    await sql`insert into zdl.audit_log (at, actor, action, personne_id, detail)
      values (${ctx.now}, ${ctx.actor}, 'person.updated', ${row.person.id},
              ${sql.json({ fields, via: 'import', line: row.line })})`;
    updated.push(person!);
  }
  return updated;
}

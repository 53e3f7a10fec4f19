import type { Sql } from '../db/client.js';
import { generateInviteCode } from '../invites/code.js';
import { hashInviteCode, type InviteCodeKeys } from '../invites/code-keys.js';
import { DEFAULT_INVITE_VALIDITY_MS } from '../invites/issue-invite.js';
import type { ActorContext } from '../actor.js';
import type { CsvPerson } from './parse-persons-csv.js';
import type { Person } from './person.js';

export interface ImportedPerson {
  line: number;
  person: Person;
  invite: { id: number; code: string; expires_at: Date } | null;
}

// 6 columns a row: 5 000 rows stay well under PostgreSQL's 65 535 parameters a statement.
const CHUNK = 5_000;

function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** Inserts validated rows (and their invitations) in bulk, inside the caller's transaction. */
const codeColumns = ({ hash, keyId }: { hash: Buffer; keyId: string }) => ({ code_hash: hash, code_key_id: keyId });

export async function importPersons(
  sql: Sql,
  persons: CsvPerson[],
  options: ActorContext & {
    invite: boolean;
    validityMs?: number;
    keys: InviteCodeKeys;
    onProgress?: (done: number) => void;
    /** Checked before each chunk: aborting (Ctrl-C) throws its reason, rolling the transaction back. */
    signal?: AbortSignal;
  },
): Promise<ImportedPerson[]> {
  const { now, actor } = options;
  const imported: ImportedPerson[] = [];
  for (const chunk of chunks(persons, CHUNK)) {
    options.signal?.throwIfAborted();
    const rows = chunk.map(({ input }) => ({ ...input, created_at: now, updated_at: now }));
    // RETURNING follows the VALUES order for a multi-row insert, which pairs rows with lines.
    const inserted = await sql<Person[]>`
      insert into zdl.personnes ${sql(rows as never)}
      returning *`;
    const expiresAt = new Date(now.getTime() + (options.validityMs ?? DEFAULT_INVITE_VALIDITY_MS));
    const codes = options.invite ? inserted.map(() => generateInviteCode()) : [];
    const invites = options.invite
      ? await sql<{ id: number }[]>`
          insert into zdl.user_invites ${sql(
            inserted.map((person, i) => ({
              ...codeColumns(hashInviteCode(options.keys, codes[i]!)),
              personne_id: person.id,
              created_at: now,
              expires_at: expiresAt,
              created_by: actor,
            })),
          )} returning id`
      : [];
    const audit = inserted.flatMap((person, i) => [
      {
        at: now,
        actor,
        action: 'person.created',
        personne_id: person.id,
        detail: JSON.stringify({ role: person.role, via: 'import', line: chunk[i]!.line }),
      },
      ...(options.invite
        ? [
            {
              at: now,
              actor,
              action: 'invite.issued',
              personne_id: person.id,
              detail: JSON.stringify({ invite_id: invites[i]!.id, expires_at: expiresAt.toISOString(), replaced: 0 }),
            },
          ]
        : []),
    ]);
    for (const part of chunks(audit, CHUNK)) {
      await sql`insert into zdl.audit_log (at, actor, action, personne_id, detail)
        select at, actor, action, personne_id, detail::jsonb
        from json_to_recordset(${sql.json(part as never)}::json)
          as x(at timestamptz, actor text, action text, personne_id integer, detail text)`;
    }
    inserted.forEach((person, i) => {
      imported.push({
        line: chunk[i]!.line,
        person,
        invite: options.invite ? { id: invites[i]!.id, code: codes[i]!, expires_at: expiresAt } : null,
      });
    });
    options.onProgress?.(imported.length);
  }
  return imported;
}

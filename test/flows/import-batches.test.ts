import { describe, expect, test } from 'vitest';
import { hashInviteCode } from '../../src/invites/code-keys.js';
import { createPersonsWriter } from '../../src/persons/import-persons.js';
import { parsePersonsCsv } from '../../src/persons/parse-persons-csv.js';
import { intArray } from '../../src/persons/pg-arrays.js';
import { ADMIN, makeAdminDeps } from '../support/admin-flows.js';
import { useTestDatabase } from '../support/database.js';
import { uniqueEmail } from '../support/http.js';

const t = useTestDatabase();

// The writer gives each row the ids its batch's statement drew, by row number: every row's
// person, invitation and audit entries must be its own, in every batch, whatever order the
// server inserted in.

describe('createPersonsWriter, batch after batch', () => {
  test('each line gets its own person, invitation, code and audit entries across batch boundaries', async () => {
    const deps = makeAdminDeps(t);
    const tag = uniqueEmail('lot').split('@')[0]!;
    const rows = Array.from({ length: 11 }, (_, i) => `Lot${tag},N${i + 2},${i % 2 ? '' : `${tag}.${i}@example.org`}`);
    const { persons } = await parsePersonsCsv(`nom,prenom,email\n${rows.join('\n')}\n`);
    const now = new Date();
    const imported = await deps.db.transaction(async (tx) => {
      const writer = createPersonsWriter(tx, { ...ADMIN, now, invite: true, keys: deps.inviteKeys });
      for (let start = 0; start < persons.length; start += 4) await writer.write(persons.slice(start, start + 4));
      return writer.finish();
    });
    expect(imported.map(({ line, person }) => [line, person.prenom])).toEqual(rows.map((_, i) => [i + 2, `N${i + 2}`]));

    const stored = await deps.db.transaction(
      (tx) => tx<{ id: number; prenom: string; email: string | null; invite_id: number; code_hash: Buffer }[]>`
        select p.id, p.prenom, p.email, i.id as invite_id, i.code_hash
        from zdl.personnes p join zdl.user_invites i on i.personne_id = p.id
        where p.nom = ${`Lot${tag}`}`,
    );
    const audit = await deps.db.transaction(
      (tx) => tx<{ personne_id: number; action: string; detail: Record<string, unknown> }[]>`
        select personne_id, action, detail from zdl.audit_log
        where personne_id = any(${intArray(stored.map((row) => row.id))}::int[]) order by id`,
    );
    expect(stored).toHaveLength(rows.length);
    for (const { line, person, invite } of imported) {
      const row = stored.find((s) => s.id === person.id)!;
      expect([line, row.prenom, row.email, row.invite_id]).toEqual([line, person.prenom, person.email, invite!.id]);
      expect(row.code_hash.equals(hashInviteCode(deps.inviteKeys, invite!.code).hash)).toBe(true);
      expect(audit.filter((entry) => entry.personne_id === person.id)).toEqual([
        { personne_id: person.id, action: 'person.created', detail: { role: 'benevole', via: 'import', line } },
        {
          personne_id: person.id,
          action: 'invite.issued',
          detail: { invite_id: invite!.id, expires_at: invite!.expires_at.toISOString(), replaced: 0 },
        },
      ]);
    }
    // Audit entries in file order, each person's creation before its invitation.
    expect(audit.map((entry) => entry.detail.line ?? null).filter((line) => line !== null)).toEqual(
      imported.map(({ line }) => line),
    );
  });
});

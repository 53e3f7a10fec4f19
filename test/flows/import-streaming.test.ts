import { describe, expect, test } from 'vitest';
import { importPersonsFromCsv } from '../../src/flows/import-persons.js';
import { ADMIN, makeAdminDeps } from '../support/admin-flows.js';
import { useTestDatabase } from '../support/database.js';
import { uniqueEmail } from '../support/http.js';

// The file is written batch by batch while it is read: a bad row found after earlier batches
// were written still leaves nothing behind (the transaction rolls them back), and every bad
// row of the file is reported, those after the first included.

const t = useTestDatabase();

const countNamed = async (nom: string) =>
  (
    await t.db.transaction((tx) => tx<{ n: number }[]>`select count(*)::int as n from zdl.personnes where nom = ${nom}`)
  )[0]!.n;

const base = { dryRun: false, invite: { validityMs: 86_400_000 }, send: false, batchSize: 2 };

describe('importPersonsFromCsv, batch by batch', () => {
  test('a bad row in the last batch: the batches written before it are rolled back', async () => {
    const deps = makeAdminDeps(t);
    const rows = ['Lots,Un', 'Lots,Deux', 'Lots,Trois', 'Lots,Quatre', 'Lots,Cinq,chef', 'Lots,Six', ',Sept'];
    const progress: number[] = [];
    const result = await importPersonsFromCsv(deps, ADMIN, {
      ...base,
      csv: `nom,prenom,role\n${rows.join('\n')}\n`,
      onProgress: (done) => progress.push(done),
    });
    expect(result).toMatchObject({ status: 'invalid', errors: [{ line: 6 }, { line: 8 }] });
    expect(progress).toEqual([2]); // the first batch was in, the second on its way, then the bad row
    expect(await countNamed('Lots')).toBe(0);
    const [audit] = await t.db.transaction(
      (tx) => tx<{ n: number }[]>`select count(*)::int as n from zdl.audit_log where detail->>'via' = 'import'
        and personne_id not in (select id from zdl.personnes)`,
    );
    expect(audit!.n).toBe(0);
  });

  test('an existing person met in a later batch refuses the file; nothing of it is written', async () => {
    const deps = makeAdminDeps(t);
    const taken = uniqueEmail('deja');
    await importPersonsFromCsv(deps, ADMIN, { ...base, csv: `nom,prenom,email\nDeja,La,${taken}\n` });
    const rows = ['Tard,Un,', 'Tard,Deux,', 'Tard,Trois,', `Tard,Quatre,${taken}`, `Tard,Cinq,`];
    const result = await importPersonsFromCsv(deps, ADMIN, { ...base, csv: `nom,prenom,email\n${rows.join('\n')}\n` });
    expect(result).toMatchObject({ status: 'invalid', errors: [{ line: 5 }] });
    expect(await countNamed('Tard')).toBe(0);
    expect(await countNamed('Deja')).toBe(1);
  });

  test('across batches, each line gets its person and invitation, in file order', async () => {
    const deps = makeAdminDeps(t);
    const rows = Array.from({ length: 7 }, (_, i) => `Suite,N${i + 2}`);
    const progress: number[] = [];
    const result = await importPersonsFromCsv(deps, ADMIN, {
      ...base,
      csv: `nom,prenom\n${rows.join('\n')}\n`,
      onProgress: (done) => progress.push(done),
    });
    if (result.status !== 'imported') throw new Error(`expected an import, got ${result.status}`);
    expect(result.imported.map(({ line, person }) => [line, person.prenom])).toEqual(
      rows.map((_, i) => [i + 2, `N${i + 2}`]),
    );
    expect(progress).toEqual([2, 4, 6, 7]);
    const stored = await t.db.transaction(
      (tx) => tx<{ id: number; prenom: string; invite_id: number }[]>`
        select p.id, p.prenom, i.id as invite_id from zdl.personnes p join zdl.user_invites i on i.personne_id = p.id
        where p.nom = 'Suite' order by p.id`,
    );
    expect(stored).toEqual(
      result.imported.map(({ person, invite }) => ({ id: person.id, prenom: person.prenom, invite_id: invite!.id })),
    );
  });
});

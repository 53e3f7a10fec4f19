import { describe, expect, test } from 'vitest';
import { importPersonsFromCsv } from '../../src/flows/import-persons.js';
import { ADMIN, makeAdminDeps } from '../support/admin-flows.js';
import { useTestDatabase } from '../support/database.js';
import { uniqueEmail } from '../support/http.js';

const t = useTestDatabase();

const countNamed = async (nom: string) =>
  (
    await t.db.transaction((tx) => tx<{ n: number }[]>`select count(*)::int as n from zdl.personnes where nom = ${nom}`)
  )[0]!.n;

const base = { dryRun: false, invite: null, send: false };

describe('importPersonsFromCsv', () => {
  test('bad rows are reported by line, in order, and nothing is written', async () => {
    const deps = makeAdminDeps(t);
    const csv = 'nom,prenom,role\nLigne,Bonne,benevole\n,SansNom,benevole\nLigne,MauvaisRole,chef\n';
    const result = await importPersonsFromCsv(deps, ADMIN, { ...base, csv });
    expect(result.status).toBe('invalid');
    if (result.status !== 'invalid') return;
    expect(result.errors.map((error) => error.line)).toEqual([3, 4]);
    expect(await countNamed('Ligne')).toBe(0);
  });

  test('an address already in the database is a bad row; send needs an address on every row', async () => {
    const deps = makeAdminDeps(t);
    const taken = uniqueEmail('prise');
    await importPersonsFromCsv(deps, ADMIN, { ...base, csv: `nom,prenom,email\nDeja,La,${taken}\n` });
    const conflict = await importPersonsFromCsv(deps, ADMIN, {
      ...base,
      csv: `nom,prenom,email\nDouble,Un,${taken}\n`,
    });
    expect(conflict).toMatchObject({ status: 'invalid', errors: [{ line: 2 }] });
    const noAddress = await importPersonsFromCsv(deps, ADMIN, {
      ...base,
      invite: {},
      send: true,
      csv: 'nom,prenom,email\nSansMail,Un,\n',
    });
    expect(noAddress).toMatchObject({ status: 'invalid', errors: [{ line: 2 }] });
    expect(await countNamed('Double')).toBe(0);
    expect(await countNamed('SansMail')).toBe(0);
  });

  test('a dry run counts the valid rows and writes nothing', async () => {
    const deps = makeAdminDeps(t);
    const result = await importPersonsFromCsv(deps, ADMIN, {
      ...base,
      dryRun: true,
      csv: 'nom,prenom\nEssai,Un\nEssai,Deux\n',
    });
    expect(result).toEqual({ status: 'valid', count: 2, created: 2, updated: [], skipped: [], ignoredColumns: [] });
    expect(await countNamed('Essai')).toBe(0);
  });

  test('imports with one invitation per row, reports progress, e-mails every row', async () => {
    const deps = makeAdminDeps(t);
    const emails = [uniqueEmail('lot'), uniqueEmail('lot')];
    const progress: number[] = [];
    const result = await importPersonsFromCsv(deps, ADMIN, {
      dryRun: false,
      invite: { validityMs: 86_400_000 },
      send: true,
      csv: `nom,prenom,email\nLot,Un,${emails[0]}\nLot,Deux,${emails[1]}\n`,
      onProgress: (done) => progress.push(done),
    });
    if (result.status !== 'imported') throw new Error(`expected an import, got ${result.status}`);
    expect(result.imported.map(({ line, person }) => [line, person.prenom])).toEqual([
      [2, 'Un'],
      [3, 'Deux'],
    ]);
    expect(result.imported.every(({ invite }) => invite?.code.startsWith('ZDL-'))).toBe(true);
    expect(result.deliveries.map((delivery) => [delivery.email, delivery.status])).toEqual([
      [emails[0], 'outbox'],
      [emails[1], 'outbox'],
    ]);
    expect(progress.at(-1)).toBe(2);
    expect(
      deps
        .outbox()
        .map((mail) => mail.to[0]!.email)
        .sort(),
    ).toEqual([...emails].sort());
  });
});

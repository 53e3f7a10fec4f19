import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from 'vitest';
import { BIN } from '../support/cli.js';
import { useTestDatabase } from '../support/database.js';
import { spawnInPty } from '../support/pty.js';

// Ctrl-C in the middle of a large import: the command says it was cancelled, exits 130, and the
// transaction rolls back — no person of the file is left in the database.

const t = useTestDatabase();

function writeLargeCsv(name: string, prefix: string): string {
  const file = path.join(t.dir, name);
  const rows = Array.from(
    { length: 30_000 },
    (_, i) => `${prefix}${i};Camille;;;${prefix.toLowerCase()}.${i}@exemple.org;benevole`,
  );
  writeFileSync(file, `nom;prenom;telephone1;telephone2;email;role\n${rows.join('\n')}\n`);
  return file;
}

async function countPrefixed(prefix: string): Promise<number> {
  const [row] = await t.db.transaction(
    (tx) => tx<{ n: number }[]>`select count(*)::int as n from zdl.personnes where nom like ${`${prefix}%`}`,
  );
  return row!.n;
}

test('Ctrl-C during an import: « Import annulé », exit 130, nothing written', async () => {
  const file = writeLargeCsv('grand.csv', 'Interrompu');
  const child = spawn(process.execPath, [BIN, 'persons', 'import', file], {
    cwd: t.dir,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, ...t.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  // The encoding line comes once the file is read, before any row is written: then Ctrl-C.
  await new Promise<void>((resolve) =>
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      if (stderr.includes('Encodage lu')) resolve();
    }),
  );
  child.kill('SIGINT');
  expect(await exited).toBe(130);
  expect(stderr).toContain('Import annulé : rien n’a été enregistré.');
  expect(stderr).not.toMatch(/at .*\.js:\d+/);
  expect(await countPrefixed('Interrompu')).toBe(0);
}, 120_000);

test('Ctrl-C on a terminal after 10 000 rows were inserted: the transaction rolls them back', async () => {
  const file = writeLargeCsv('grand-tty.csv', 'Terminal');
  const session = spawnInPty(['persons', 'import', file], { env: t.env, cwd: t.dir });
  await session.waitFor('Import : 10000 lignes traitées', 60_000); // one batch is in the open transaction
  session.type('\x03');
  const { code, output } = await session.exited;
  expect(code).toBe(130);
  expect(output).toContain('Import annulé : rien n’a été enregistré.');
  expect(await countPrefixed('Terminal')).toBe(0);
}, 120_000);

// `zdl persons import` of 10 000 rows (with invitations): time and ratio to a trivial command.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { baselineMs, scratchEnvironment, timeCommand } from './helpers.mjs';

const rows = Number(process.env.ROWS ?? 10_000);
const { dir, env, cleanup } = scratchEnvironment();
try {
  const file = path.join(dir, 'persons.csv');
  const lines = Array.from(
    { length: rows },
    (_, i) => `Nom${i};Prénom${i};06 00 ${String(i).padStart(6, '0')};;p${i}@bench.example.org;bénévole`,
  );
  writeFileSync(file, `\uFEFFnom;prenom;telephone1;telephone2;email;role\n${lines.join('\n')}\n`);
  const baseline = baselineMs(env, dir);
  const run = timeCommand(['persons', 'import', file, '--invite', '--json'], env, dir);
  const imported = JSON.parse(run.stdout).imported;
  console.log(`baseline (db status)       ${baseline.toFixed(0)} ms`);
  console.log(
    `import ${imported} rows + invites ${run.ms.toFixed(0)} ms  ratio ${(run.ms / baseline).toFixed(1)}×  (${(imported / (run.ms / 1000)).toFixed(0)} rows/s)`,
  );
} finally {
  cleanup();
}

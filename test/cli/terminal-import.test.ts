import { writeFileSync } from 'node:fs';
import path from 'node:path';
import stringWidth from 'string-width';
import { expect, test } from 'vitest';
import { runCli } from '../support/cli.js';
import { useTestDatabase } from '../support/database.js';

// The codes an import shows once must fit an 80-column terminal whole: the names give way.

const t = useTestDatabase();
const widest = (text: string) => Math.max(...text.split('\n').map((line) => stringWidth(line)));

test('persons import --invite at 80 columns: no line wider than 80, every code whole', async () => {
  const file = path.join(t.dir, 'longs.csv');
  writeFileSync(
    file,
    'nom;prenom;email\n' +
      'Durand-Martin de la Fontaine-Saint-Exupéry;Marie-Christine Éléonore;mc.durand@exemple.org\n' +
      'Lefèvre;Hélène;helene.lefevre@exemple.org\n',
  );
  const result = await runCli(['persons', 'import', file, '--invite'], {
    env: { ...t.env, COLUMNS: '80' },
    cwd: t.dir,
  });
  expect(result.code, result.stderr).toBe(0);
  expect(widest(result.stdout), result.stdout).toBeLessThanOrEqual(80);
  const codes = result.stdout.match(/ZDL-[0-9A-Z]{6}-[0-9A-Z]{5}/g) ?? [];
  expect(codes).toHaveLength(2);
  expect(result.stdout).toContain('…');
  // The audit of an import reads in French, details included.
  const audit = await runCli(['audit'], { env: { ...t.env, COLUMNS: '400' }, cwd: t.dir });
  expect(audit.stdout).toContain('par : import ; ligne : 2');
  expect(audit.stdout).not.toMatch(/\b(line|via) :/);
});

import stringWidth from 'string-width';
import { describe, expect, test } from 'vitest';
import { runCli } from '../support/cli.js';
import { useTestDatabase } from '../support/database.js';

// What a person at a terminal (80 columns) and a script reading JSON meet.
const t = useTestDatabase();
const cli = (argv: string[], env: Record<string, string> = {}) =>
  runCli(argv, { env: { ...t.env, ...env }, cwd: t.dir });
const widest = (text: string) => Math.max(...text.split('\n').map((line) => stringWidth(line)));

describe('tables on an 80-column terminal', () => {
  test('long names, e-mails and details are cut with « … », no line wider than 80, all on a wide one', async () => {
    const nom = 'Van den Berghe-Saint-Exupéry de la Tour d’Auvergne';
    const email = 'marie-christine.van-den-berghe-saint-exupery@association-des-amis.example.org';
    const added = await cli([
      'persons',
      'add',
      '--nom',
      nom,
      '--prenom',
      'Marie-Christine Éléonore',
      '--email',
      email,
      '--invite',
      '--json',
    ]);
    expect(added.code).toBe(0);
    for (const argv of [['persons', 'list'], ['invites', 'list'], ['audit'], ['persons', 'show', email]]) {
      const narrow = await cli(argv, { COLUMNS: '80' });
      expect(narrow.code, argv.join(' ')).toBe(0);
      expect(widest(narrow.stdout), `${argv.join(' ')}\n${narrow.stdout}`).toBeLessThanOrEqual(80);
      const wide = await cli(argv, { COLUMNS: '400' });
      expect(wide.stdout.length).toBeGreaterThan(0);
    }
    const narrow = await cli(['persons', 'list'], { COLUMNS: '80' });
    expect(narrow.stdout).toContain('…');
    expect(narrow.stdout).not.toMatch(/[┌├└│]/); // no box drawing, no line between rows
    const wide = await cli(['persons', 'list'], { COLUMNS: '400' });
    expect(wide.stdout).toContain(email);
    expect(wide.stdout).toContain(nom);
    const audit = await cli(['audit'], { COLUMNS: '400' });
    expect(audit.stdout).toContain('invitation créée');
    expect(audit.stdout).toContain('personne créée');
    expect(audit.stdout).not.toContain('invite.issued');
    // The invitation's expiry in the detail is Paris time, not ISO UTC.
    expect(audit.stdout).toMatch(/expire le : \d{2}\/\d{2}\/\d{4} \d{2}:\d{2}/);
    const json = JSON.parse((await cli(['audit', '--json'])).stdout);
    expect(json.map((row: { action: string }) => row.action)).toContain('invite.issued');
  });
});

describe('long lists', () => {
  test('15 000 persons: 50 most recent and a line saying how to see the rest; --all prints every row', async () => {
    await t.db.transaction(
      (tx) => tx`insert into zdl.personnes (nom, prenom, email)
                 select 'Nom' || n, 'Prénom' || n, 'p' || n || '@example.org' from generate_series(1, 15000) n`,
    );
    await t.db.transaction(
      (tx) => tx`insert into zdl.user_invites (code_hash, personne_id, expires_at, created_by)
                 select sha256(convert_to('code' || id, 'UTF8')), id, now() + interval '7 days', 'test'
                 from zdl.personnes where email like 'p%@example.org'`,
    );
    const first = await cli(['persons', 'list', '--search', '@example.org'], { COLUMNS: '80' });
    expect(first.code).toBe(0);
    const lines = first.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(2 + 50);
    expect(first.stdout).toContain('p15000@example.org');
    expect(first.stdout).not.toContain('p14950@example.org');
    expect(first.stderr).toMatch(/^50 personnes sur 15\s000\.\n… et 14\s950 personnes de plus/mu);
    expect(first.stderr).toContain('--all');

    const all = await cli(['persons', 'list', '--all', '--search', '@example.org'], { COLUMNS: '80' });
    const rows = all.stdout.trimEnd().split('\n');
    expect(rows).toHaveLength(2 + 15000);
    expect(widest(all.stdout)).toBeLessThanOrEqual(80);
    expect(all.stderr).toMatch(/^15\s000 personnes\.$/mu);
    const ids = new Set(rows.slice(2).map((row) => Number(row.split(/\s+/)[0])));
    expect(ids.size).toBe(15000);

    const limited = JSON.parse(
      (await cli(['persons', 'list', '--limit', '3', '--json', '--search', '@example.org'])).stdout,
    );
    expect(limited.map((p: { email: string }) => p.email).sort()).toEqual([
      'p14998@example.org',
      'p14999@example.org',
      'p15000@example.org',
    ]);

    const invites = await cli(['invites', 'list', '--all'], { COLUMNS: '80' });
    expect(invites.code).toBe(0);
    expect(invites.stdout.trimEnd().split('\n').length).toBeGreaterThanOrEqual(2 + 15000);
    expect(widest(invites.stdout)).toBeLessThanOrEqual(80);
    const someInvites = await cli(['invites', 'list', '--status', 'en attente']);
    expect(someInvites.stdout.trimEnd().split('\n')).toHaveLength(2 + 50);
    expect(someInvites.stderr).toMatch(/invitations de plus/);
  }, 120_000);
});

describe('words people read', () => {
  test('filters take the French words the tables print, with or without accents', async () => {
    const added = JSON.parse(
      (await cli(['persons', 'add', '--nom', 'Filtre', '--prenom', 'Léon', '--invite', '--json'])).stdout,
    );
    for (const word of ['invité', 'invite', 'INVITÉ', 'invited']) {
      const listed = JSON.parse((await cli(['persons', 'list', '--access', word, '--all', '--json'])).stdout);
      expect(
        listed.map((p: { id: number }) => p.id),
        word,
      ).toContain(added.person.id);
    }
    for (const word of ['en attente', 'En  Attente', 'pending']) {
      const listed = JSON.parse((await cli(['invites', 'list', '--status', word, '--all', '--json'])).stdout);
      expect(
        listed.map((i: { id: number }) => i.id),
        word,
      ).toContain(added.invite.id);
    }
    const expired = await cli(['invites', 'list', '--status', 'expiree', '--json']);
    expect(expired.code).toBe(0);
    const wrong = await cli(['persons', 'list', '--access', 'bof']);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain('« invité » (invited)');
  });

  test('plurals: « 1 personne », « 2 personnes »', async () => {
    await cli(['persons', 'add', '--nom', 'Zygomatique', '--prenom', 'Un']);
    expect((await cli(['persons', 'list', '--search', 'Zygomatique'])).stderr).toMatch(/^1 personne\.$/m);
    await cli(['persons', 'add', '--nom', 'Zygomatique', '--prenom', 'Deux']);
    expect((await cli(['persons', 'list', '--search', 'Zygomatique'])).stderr).toMatch(/^2 personnes\.$/m);
  });

  test('an empty name is one message', async () => {
    const result = await cli(['persons', 'add', '--nom', '', '--prenom', 'Vide']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('obligatoire');
    expect(result.stderr).not.toContain('caractères de contrôle');
  });
});

describe('help', () => {
  const commands = [
    ['persons', 'add'],
    ['persons', 'list'],
    ['persons', 'show'],
    ['persons', 'edit'],
    ['persons', 'delete'],
    ['persons', 'import'],
    ['invites', 'issue'],
    ['invites', 'list'],
    ['invites', 'revoke'],
    ['invites', 'purge'],
    ['invites', 'resend'],
    ['access', 'revoke'],
    ['access', 'restore'],
    ['mail', 'test'],
    ['mail', 'log'],
    ['reset', 'send'],
    ['audit'],
    ['db', 'migrate'],
    ['db', 'status'],
    ['doctor'],
    ['serve'],
    [],
  ];
  test('every command ends with examples and says nothing in English', async () => {
    for (const command of commands) {
      const help = await cli([...command, '--help']);
      expect(help.code).toBe(0);
      expect(help.stdout, command.join(' ')).toMatch(/Exemples :\n( {2}(\S+=\S+ )?zdl .+\n){1,3}$/);
      expect(help.stdout).not.toMatch(/default:|\[command\]|\bUsage\b|<person>|<invite-id>|display help/);
    }
    expect((await cli(['serve', '--help'])).stdout).toContain('(par défaut : 3000)');
    expect((await cli(['audit', '--help'])).stdout).toContain('mot de passe réinitialisé');
  });

  test('a usage error points to the command’s own help', async () => {
    const result = await cli(['invites', 'issue']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('<personne>');
    expect(result.stderr).toContain('Aide : zdl invites issue --help');
  });

  // Only the named group is defined (src/cli/program.ts): what needs the others still has them.
  test('help lists every group; a typo gets its suggestion; --as takes its value, not a group', async () => {
    const help = await cli(['--help']);
    for (const group of ['persons', 'invites', 'access', 'mail', 'reset', 'audit', 'db', 'doctor', 'serve']) {
      expect(help.stdout).toMatch(new RegExp(`^  ${group}\\b`, 'm'));
    }
    expect((await cli(['help', 'invites'])).stdout).toMatch(/^ {2}list\b/m);
    const typo = await cli(['invites', 'lsit']);
    expect(typo.code).toBe(2);
    expect(typo.stderr).toContain('vouliez-vous dire list ?');
    expect((await cli(['invits', 'list'])).stderr).toContain('vouliez-vous dire invites ?');
    const acting = await cli(['--as', 'db', 'persons', 'list', '--json']);
    expect(acting.code, acting.stderr).toBe(0);
    expect(JSON.parse(acting.stdout)).toEqual(expect.any(Array));
  });
});

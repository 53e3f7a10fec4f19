import { describe, expect, test } from 'vitest';
import { runCli } from '../support/cli.js';
import { useTestDatabase } from '../support/database.js';

const t = useTestDatabase();
const cli = (...argv: string[]) => runCli(argv, { env: t.env, cwd: t.dir });

describe('persons add', () => {
  test('creates a person and prints JSON with the contract keys', async () => {
    const result = await cli(
      'persons',
      'add',
      '--nom',
      'Jean',
      '--prenom',
      'Michel',
      '--tel1',
      '01 23 45 67 89',
      '--email',
      'michel.jean@example.org',
      '--role',
      'employé',
      '--json',
    );
    expect(result.code).toBe(0);
    const body = JSON.parse(result.stdout);
    expect(Object.keys(body.person).sort()).toEqual([
      'created_at',
      'email',
      'id',
      'nom',
      'prenom',
      'role',
      'telephone1',
      'telephone2',
    ]);
    expect(body.person).toMatchObject({
      nom: 'Jean',
      prenom: 'Michel',
      role: 'employe',
      telephone1: '+33123456789', // E.164 since issue 14 (typed 01 23 45 67 89)
      telephone2: null,
      email: 'michel.jean@example.org',
    });
    expect(body.invite).toBeNull();
  });

  test('defaults the role to benevole and accepts accents', async () => {
    const plain = JSON.parse((await cli('persons', 'add', '--nom', 'Durand', '--prenom', 'Léa', '--json')).stdout);
    expect(plain.person.role).toBe('benevole');
    const accented = JSON.parse(
      (await cli('persons', 'add', '--nom', 'Petit', '--prenom', 'Noé', '--role', 'Bénévole', '--json')).stdout,
    );
    expect(accented.person.role).toBe('benevole');
  });

  test('with --invite creates the invitation in the same command and shows the code once', async () => {
    const result = await cli(
      'persons',
      'add',
      '--nom',
      'Martin',
      '--prenom',
      'Zoé',
      '--invite',
      '--expires',
      '12h',
      '--json',
    );
    expect(result.code).toBe(0);
    const body = JSON.parse(result.stdout);
    expect(body.invite.code).toMatch(/^ZDL-[0-9A-HJKMNP-TV-Z]{6}-[0-9A-HJKMNP-TV-Z]{5}$/);
    const hours = (new Date(body.invite.expires_at).getTime() - new Date(body.person.created_at).getTime()) / 3_600_000;
    expect(hours).toBeCloseTo(12, 5);
    const human = await cli('persons', 'add', '--nom', 'Bernard', '--prenom', 'Luc', '--invite');
    expect(human.stdout).toMatch(/^ZDL-\w{6}-\w{5}\nhttp:\/\/localhost:3000\/activate\?code=ZDL-/);
    expect(human.stderr).toContain('il ne sera plus affiché');
  });

  test('a missing value without a TTY is a usage error naming the flag', async () => {
    const result = await cli('persons', 'add', '--prenom', 'Sans');
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--nom');
    expect(result.stdout).toBe('');
  });

  test('--no-input refuses to prompt even on a TTY', async () => {
    const result = await runCli(['persons', 'add', '--nom', 'X', '--no-input'], {
      env: t.env,
      cwd: t.dir,
      stdinTTY: true,
    });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--prenom');
  });

  test('a bad role exits 2 and lists the roles', async () => {
    const role = await cli('persons', 'add', '--nom', 'A', '--prenom', 'B', '--role', 'chef');
    expect(role).toMatchObject({ code: 2 });
    expect(role.stderr).toContain('administrateur, employe, benevole');
  });

  test('a bad --expires exits 2 with a French message', async () => {
    const duration = await cli('persons', 'add', '--nom', 'A', '--prenom', 'B', '--invite', '--expires', '3 semaines');
    expect(duration.code).toBe(2);
    expect(duration.stderr).toContain('Durée invalide');
  });

  test('a bad e-mail address exits 2 with a French message', async () => {
    const email = await cli('persons', 'add', '--nom', 'A', '--prenom', 'B', '--email', 'pas-une-adresse');
    expect(email.code).toBe(2);
    expect(email.stderr).toContain('e-mail : adresse invalide');
  });

  test('an e-mail address already used (any case) exits 2 and writes nothing', async () => {
    await cli('persons', 'add', '--nom', 'Doublon', '--prenom', 'Un', '--email', 'doublon@example.org');
    const duplicate = await cli(
      'persons',
      'add',
      '--nom',
      'Doublon',
      '--prenom',
      'Deux',
      '--email',
      'DOUBLON@example.org',
      '--invite',
    );
    expect(duplicate.code).toBe(2);
    expect(duplicate.stderr).toContain('déjà celle d');
    const rows = await t.db.transaction((tx) => tx`select count(*)::int as n from zdl.personnes where nom = 'Doublon'`);
    expect(rows[0]!.n).toBe(1); // nothing half-written
  });
});

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
      telephone1: '01 23 45 67 89',
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

describe('persons list, show, edit, delete', () => {
  test('list filters by role, search and access and prints the access state', async () => {
    await cli(
      'persons',
      'add',
      '--nom',
      'Lefebvre',
      '--prenom',
      'Anne',
      '--role',
      'administrateur',
      '--email',
      'anne@example.org',
      '--invite',
    );
    const all = JSON.parse((await cli('persons', 'list', '--json')).stdout);
    expect(Object.keys(all[0]).sort()).toEqual(['access', 'email', 'id', 'nom', 'prenom', 'role']);
    const admins = JSON.parse((await cli('persons', 'list', '--role', 'administrateur', '--json')).stdout);
    expect(admins.map((p: { nom: string }) => p.nom)).toEqual(['Lefebvre']);
    expect(admins[0].access).toBe('invited');
    const search = JSON.parse((await cli('persons', 'list', '--search', 'anne@', '--json')).stdout);
    expect(search).toHaveLength(1);
    const none = JSON.parse((await cli('persons', 'list', '--access', 'none', '--json')).stdout);
    expect(none.every((p: { access: string }) => p.access === 'none')).toBe(true);
    const bad = await cli('persons', 'list', '--access', 'maybe');
    expect(bad.code).toBe(2);
    const table = await cli('persons', 'list');
    expect(table.stdout).toContain('prénom');
    expect(table.stdout).toContain('invité');
  });

  test('show gives the person, access, invitations (no code) and audit', async () => {
    const created = JSON.parse(
      (
        await cli(
          'persons',
          'add',
          '--nom',
          'Roux',
          '--prenom',
          'Paul',
          '--email',
          'paul@example.org',
          '--invite',
          '--json',
        )
      ).stdout,
    );
    const byEmail = await cli('persons', 'show', 'PAUL@example.org', '--json');
    expect(byEmail.code).toBe(0);
    const details = JSON.parse(byEmail.stdout);
    expect(details.access).toBe('invited');
    expect(details.invites).toHaveLength(1);
    expect(byEmail.stdout).not.toContain(created.invite.code);
    expect(details.audit.map((a: { action: string }) => a.action)).toEqual(['invite.issued', 'person.created']);
    const human = await cli('persons', 'show', String(created.person.id));
    expect(human.stdout).toContain('Paul Roux');
    expect(human.stdout).not.toContain(created.invite.code);
  });

  test('unknown person exits 3', async () => {
    expect((await cli('persons', 'show', '99999')).code).toBe(3);
    expect((await cli('persons', 'show', 'nobody@example.org')).code).toBe(3);
    expect((await cli('persons', 'edit', '99999', '--nom', 'X')).code).toBe(3);
  });

  test('edit changes fields, clears optional ones, and refuses nothing-to-do', async () => {
    const { person } = JSON.parse(
      (await cli('persons', 'add', '--nom', 'Blanc', '--prenom', 'Eve', '--tel1', '0600000000', '--json')).stdout,
    );
    const edited = await cli('persons', 'edit', String(person.id), '--role', 'employé', '--tel1', '', '--json');
    expect(edited.code).toBe(0);
    expect(JSON.parse(edited.stdout)).toMatchObject({ role: 'employe', telephone1: null });
    expect((await cli('persons', 'edit', String(person.id))).code).toBe(2);
  });

  test('delete needs --yes without a TTY and cascades to invitations', async () => {
    const { person } = JSON.parse(
      (await cli('persons', 'add', '--nom', 'Noir', '--prenom', 'Max', '--invite', '--json')).stdout,
    );
    const refused = await cli('persons', 'delete', String(person.id));
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('--yes');
    const done = await cli('persons', 'delete', String(person.id), '--yes');
    expect(done.code).toBe(0);
    const invites = await t.db.transaction(
      (tx) => tx`select count(*)::int as n from zdl.user_invites where personne_id = ${person.id}`,
    );
    expect(invites[0]!.n).toBe(0);
    const audit = await t.db.transaction(
      (tx) => tx`select action from zdl.audit_log where personne_id = ${person.id} order by id`,
    );
    expect(audit.map((r) => r.action)).toContain('person.deleted');
  });
});

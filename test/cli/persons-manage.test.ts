import { describe, expect, test } from 'vitest';
import { runCli } from '../support/cli.js';
import { useTestDatabase } from '../support/database.js';

const t = useTestDatabase();
const cli = (...argv: string[]) => runCli(argv, { env: t.env, cwd: t.dir });

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

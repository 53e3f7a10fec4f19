import { describe, expect, test } from 'vitest';
import { runCli } from '../support/cli.js';
import { useTestDatabase } from '../support/database.js';
import { spawnInPty } from '../support/pty.js';

// A person at a real terminal (a pty made by util-linux `script`): prompts, Ctrl-C, Ctrl-D, answers.
const t = useTestDatabase();
const pty = (...argv: string[]) => spawnInPty(argv, { env: t.env, cwd: t.dir });
const CANCELLED = 'Annulé : rien n’a été modifié.';

async function personCount(nom: string): Promise<number> {
  const rows = await t.db.transaction((tx) => tx`select count(*)::int as n from zdl.personnes where nom = ${nom}`);
  return rows[0]!.n;
}

describe('prompts on a terminal', () => {
  test('Ctrl-C and Ctrl-D at a prompt: « Annulé », exit 130, nothing written', async () => {
    for (const key of ['\u0003', '\u0004']) {
      const session = pty('persons', 'add', '--prenom', 'Interrompu');
      await session.waitFor('Nom');
      session.type(key);
      const { code, output } = await session.exited;
      expect(code, JSON.stringify(key)).toBe(130);
      expect(output).toContain(CANCELLED);
      expect(output).not.toContain('Erreur');
      expect(output).not.toContain('User force closed');
    }
  }, 120_000);

  test('a confirmation takes oui/o or non/n and asks again otherwise; « non » is a notice, exit 1', async () => {
    const created = JSON.parse(
      (await runCli(['persons', 'add', '--nom', 'Confirme', '--prenom', 'Moi', '--json'], { env: t.env, cwd: t.dir }))
        .stdout,
    );
    const declined = pty('persons', 'delete', String(created.person.id));
    await declined.waitFor('(oui/non)');
    declined.type('yes\r');
    await declined.waitFor('Répondez « oui » (o) ou « non » (n).');
    declined.type('\u0015n\r'); // Ctrl-U clears the line, as on any terminal
    const no = await declined.exited;
    expect(no.code).toBe(1);
    expect(no.output).toContain(CANCELLED);
    expect(no.output).not.toContain('Erreur');
    expect(await personCount('Confirme')).toBe(1);

    const accepted = pty('persons', 'delete', String(created.person.id));
    await accepted.waitFor('(oui/non)');
    accepted.type('o\r');
    expect((await accepted.exited).code).toBe(0);
    expect(await personCount('Confirme')).toBe(0);
  }, 120_000);

  test('persons add asks nom, prénom, e-mail, rôle and whether to invite', async () => {
    const session = pty('persons', 'add');
    await session.waitFor('Nom');
    session.type('Guidée\r');
    await session.waitFor('Prénom');
    session.type('Anne\r');
    await session.waitFor('E-mail');
    session.type('anne.guidee@example.org\r');
    await session.waitFor('Rôle');
    await session.waitFor('employé'); // the roles are a list, bénévole chosen by default
    session.type('\r');
    await session.waitFor('Créer une invitation');
    session.type('oui\r');
    const { code, output } = await session.exited;
    expect(code, output).toBe(0);
    const rows = await t.db.transaction(
      (tx) => tx`select p.email, p.role, count(i.id)::int as invites from zdl.personnes p
                 left join zdl.user_invites i on i.personne_id = p.id where p.nom = 'Guidée' group by p.id`,
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]!.email).toBe('anne.guidee@example.org');
    expect(rows[0]!.invites).toBe(1);
    expect(rows[0]!.role).toBe('benevole');
  }, 120_000);
});

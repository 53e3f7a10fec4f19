import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { runCli } from '../support/cli.js';
import { useTestDatabase } from '../support/database.js';

const t = useTestDatabase();

const outbox = () => path.join(t.dir, 'outbox');
const cli = (...argv: string[]) =>
  runCli(argv, {
    env: { ...t.env, ZDL_MAIL_OUTBOX: outbox(), ZDL_PUBLIC_URL: 'https://acces.zdl.example' },
    cwd: t.dir,
  });
function outboxMessages(): {
  file: string;
  body: { to: { email: string }[]; subject: string; text: string; html: string; template: string };
}[] {
  return readdirSync(outbox())
    .sort()
    .map((file) => ({ file, body: JSON.parse(readFileSync(path.join(outbox(), file), 'utf8')) }));
}

async function activate(personId: number, email: string): Promise<void> {
  await t.db.transaction(
    (tx) => tx`insert into zdl.accounts (personne_id, email, password_hash, activated_at)
    values (${personId}, ${email}, '$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ$aGFzaA', now())`,
  );
}

describe('invitation e-mails', () => {
  test('persons add --invite --send writes the invitation to the local outbox', async () => {
    const result = await cli(
      'persons',
      'add',
      '--nom',
      'Moreau',
      '--prenom',
      'Inès',
      '--email',
      'ines@example.org',
      '--invite',
      '--send',
      '--json',
    );
    expect(result.code).toBe(0);
    const { invite, person } = JSON.parse(result.stdout);
    expect(result.stderr).toContain(outbox());
    const [message] = outboxMessages().filter((m) => m.body.to[0]!.email === 'ines@example.org');
    expect(message!.body.template).toBe('invitation');
    expect(message!.body.text).toContain(invite.code);
    expect(message!.body.text).toContain(`https://acces.zdl.example/activate?code=${invite.code}`);
    const log = JSON.parse((await cli('mail', 'log', '--person', String(person.id), '--json')).stdout);
    expect(log).toMatchObject([{ to: 'ines@example.org', template: 'invitation', status: 'outbox' }]);
    expect(JSON.stringify(log)).not.toContain(invite.code);
  });

  test('--send needs an e-mail address (exit 2, nothing created)', async () => {
    const result = await cli('persons', 'add', '--nom', 'Sans', '--prenom', 'Mail', '--invite', '--send');
    expect(result.code).toBe(2);
    const rows = await t.db.transaction((tx) => tx`select 1 from zdl.personnes where nom = 'Sans'`);
    expect(rows).toHaveLength(0);
    const { person } = JSON.parse((await cli('persons', 'add', '--nom', 'Sans', '--prenom', 'Mail2', '--json')).stdout);
    expect((await cli('invites', 'issue', String(person.id), '--send')).code).toBe(2);
  });

  test('invites resend revokes the old code and e-mails a new one without printing it', async () => {
    const { person, invite } = JSON.parse(
      (
        await cli(
          'persons',
          'add',
          '--nom',
          'Renvoi',
          '--prenom',
          'Léo',
          '--email',
          'leo@example.org',
          '--invite',
          '--json',
        )
      ).stdout,
    );
    const result = await cli('invites', 'resend', 'leo@example.org', '--json');
    expect(result.code).toBe(0);
    const resent = JSON.parse(result.stdout);
    expect(resent).not.toHaveProperty('code');
    const list = JSON.parse(
      (await cli('invites', 'list', '--status', 'all', '--person', String(person.id), '--json')).stdout,
    );
    expect(list.map((i: { id: number; status: string }) => [i.id, i.status])).toEqual([
      [resent.id, 'pending'],
      [invite.id, 'revoked'],
    ]);
    const mails = outboxMessages().filter((m) => m.body.to[0]!.email === 'leo@example.org');
    expect(mails).toHaveLength(1);
    expect(mails[0]!.body.text).not.toContain(invite.code);
  });

  test('import --invite --send e-mails every row', async () => {
    const file = path.join(t.dir, 'send.csv');
    const { writeFileSync } = await import('node:fs');
    writeFileSync(file, 'nom,prenom,email\nLot,Un,lot1@example.org\nLot,Deux,lot2@example.org\n');
    expect((await cli('persons', 'import', file, '--invite', '--send')).code).toBe(0);
    const sent = outboxMessages().filter((m) => m.body.to[0]!.email.startsWith('lot'));
    expect(sent).toHaveLength(2);
  });
});

describe('reset send', () => {
  test('is refused when access is not activated or revoked', async () => {
    const { person } = JSON.parse(
      (await cli('persons', 'add', '--nom', 'Inactif', '--prenom', 'A', '--email', 'inactif@example.org', '--json'))
        .stdout,
    );
    const notActive = await cli('reset', 'send', String(person.id));
    expect(notActive.code).toBe(2);
    expect(notActive.stderr).toContain("pas d'accès actif");
    await activate(person.id, 'inactif@example.org');
    await cli('access', 'revoke', String(person.id), '--yes');
    expect((await cli('reset', 'send', String(person.id))).code).toBe(2);
  });

  test('sends the same e-mail as the web flow: link + 6-digit code, stored only as hashes', async () => {
    const { person } = JSON.parse(
      (await cli('persons', 'add', '--nom', 'Actif', '--prenom', 'B', '--email', 'actif@example.org', '--json')).stdout,
    );
    await activate(person.id, 'actif@example.org');
    const result = await cli('reset', 'send', 'actif@example.org');
    expect(result.code).toBe(0);
    const [mail] = outboxMessages().filter((m) => m.body.template === 'password_reset');
    const token = /reset-password\?token=([A-Za-z0-9_-]{43})/.exec(mail!.body.text)![1]!;
    const otp = /\b(\d{6})\b/.exec(mail!.body.text)![1]!;
    expect(mail!.body.text).toContain('20 minutes');
    const [reset] = await t.db.transaction(
      (tx) => tx`select encode(token_hash, 'hex') as t, encode(otp_hash, 'hex') as o from zdl.password_resets`,
    );
    const stored = JSON.stringify(reset);
    expect(stored).not.toContain(token);
    expect(stored).not.toContain(otp);
    const audit = JSON.parse((await cli('audit', '--person', String(person.id), '--json')).stdout);
    expect(audit[0]).toMatchObject({ action: 'password.reset_requested' });
    expect(JSON.stringify(audit)).not.toContain(token);
  });

  test('finds the person by the login e-mail too, when it differs from the one on file', async () => {
    const { person } = JSON.parse(
      (await cli('persons', 'add', '--nom', 'Login', '--prenom', 'C', '--email', 'fiche@example.org', '--json')).stdout,
    );
    await activate(person.id, 'connexion@example.org');
    const result = await cli('reset', 'send', 'Connexion@Example.org', '--json');
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ person_id: person.id, email: 'connexion@example.org' });
    expect((await cli('persons', 'show', 'fiche@example.org', '--json')).code).toBe(0);
    expect((await cli('reset', 'send', 'personne@example.org')).code).toBe(3);
  });
});

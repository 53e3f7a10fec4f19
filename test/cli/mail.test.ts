import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { runCli } from '../support/cli.js';
import { useTestDatabase } from '../support/database.js';
import { startFakeMailerSend, type FakeMailerSend } from '../support/fake-mailersend.js';

const t = useTestDatabase();
let fake: FakeMailerSend;
beforeAll(async () => (fake = await startFakeMailerSend()));
afterAll(() => fake.close());

const outbox = () => path.join(t.dir, 'outbox');
const cli = (...argv: string[]) =>
  runCli(argv, {
    env: { ...t.env, ZDL_MAIL_OUTBOX: outbox(), ZDL_PUBLIC_URL: 'https://acces.zdl.example' },
    cwd: t.dir,
  });
const viaMailerSend = (...argv: string[]) =>
  runCli(argv, {
    env: {
      ...t.env,
      MAILERSEND_API_KEY: 'mlsn.test-key',
      MAILERSEND_API_URL: fake.url,
      ZDL_MAIL_FROM: 'ZDL <acces@zdl.example>',
    },
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
});

describe('through MailerSend', () => {
  test('mail test sends with the bearer key and logs the provider message id', async () => {
    fake.respondWith([{ status: 202, headers: { 'x-message-id': 'msg-123' } }]);
    const result = await viaMailerSend('mail', 'test', 'admin@example.org');
    expect(result.code).toBe(0);
    const request = fake.requests.at(-1)!;
    expect(request.headers.authorization).toBe('Bearer mlsn.test-key');
    expect(request.body).toMatchObject({
      from: { email: 'acces@zdl.example', name: 'ZDL' },
      to: [{ email: 'admin@example.org' }],
    });
    const log = JSON.parse((await viaMailerSend('mail', 'log', '--json')).stdout);
    expect(log[0]).toMatchObject({
      to: 'admin@example.org',
      template: 'test',
      status: 'sent',
      provider_message_id: 'msg-123',
    });
    expect((await viaMailerSend('mail', 'test', 'not-an-address')).code).toBe(2);
  });

  test('a failed « invites resend » shows the new code (the old ones are revoked) and says what to do, exit 1', async () => {
    const added = await cli(
      'persons',
      'add',
      '--nom',
      'Relance',
      '--prenom',
      'Rita',
      '--email',
      'rita@example.org',
      '--invite',
    );
    expect(added.code).toBe(0);
    fake.respondWith([{ status: 401, body: { message: 'Unauthenticated.' } }]);
    const result = await viaMailerSend('invites', 'resend', 'rita@example.org');
    expect(result.code).toBe(1);
    const [code, link] = result.stdout.trim().split('\n');
    expect(code).toMatch(/^ZDL-\w{6}-\w{5}$/);
    expect(link).toContain(code!);
    expect(result.stderr).toContain('les codes envoyés auparavant ne marchent plus');
    expect(result.stderr).toContain('transmettez vous-même le code');
    // The code shown is the live one: it activates the account.
    const { findPendingInvite } = await import('../../src/auth/activate-account.js');
    const holder = await t.db.transaction((tx) => findPendingInvite(tx, code!, new Date()));
    expect(holder).toMatchObject({ nom: 'Relance', prenom: 'Rita' });
  });

  test('a failed send keeps the person and the invitation, prints the code, says how to resend, exit 1', async () => {
    fake.respondWith([{ status: 401, body: { message: 'Unauthenticated.' } }]);
    const result = await viaMailerSend(
      'persons',
      'add',
      '--nom',
      'Echec',
      '--prenom',
      'Envoi',
      '--email',
      'echec@example.org',
      '--invite',
      '--send',
    );
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/^ZDL-\w{6}-\w{5}/);
    expect(result.stderr).toContain('zdl invites resend');
    const list = JSON.parse((await viaMailerSend('persons', 'list', '--search', 'Echec', '--json')).stdout);
    expect(list).toMatchObject([{ nom: 'Echec', access: 'invited' }]);
    const log = JSON.parse((await viaMailerSend('mail', 'log', '--limit', '1', '--json')).stdout);
    expect(log[0]).toMatchObject({ to: 'echec@example.org', status: 'failed' });
  });
});

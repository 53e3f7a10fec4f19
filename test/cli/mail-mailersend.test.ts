import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { runCli } from '../support/cli.js';
import { TEST_INVITE_KEYS, useTestDatabase } from '../support/database.js';
import { useMailerSendCli } from '../support/mailersend-cli.js';

const t = useTestDatabase();
const mailerSend = useMailerSendCli(t);

const outbox = () => path.join(t.dir, 'outbox');
const cli = (...argv: string[]) =>
  runCli(argv, {
    env: { ...t.env, ZDL_MAIL_OUTBOX: outbox(), ZDL_PUBLIC_URL: 'https://acces.zdl.example' },
    cwd: t.dir,
  });
const viaMailerSend = mailerSend.run;

describe('through MailerSend', () => {
  test('mail test sends with the bearer key and logs the provider message id', async () => {
    mailerSend.fake.respondWith([{ status: 202, headers: { 'x-message-id': 'msg-123' } }]);
    const result = await viaMailerSend('mail', 'test', 'admin@example.org');
    expect(result.code).toBe(0);
    const request = mailerSend.fake.requests.at(-1)!;
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
    mailerSend.fake.respondWith([{ status: 401, body: { message: 'Unauthenticated.' } }]);
    const result = await viaMailerSend('invites', 'resend', 'rita@example.org');
    expect(result.code).toBe(1);
    const [code, link] = result.stdout.trim().split('\n');
    expect(code).toMatch(/^ZDL-\w{6}-\w{5}$/);
    expect(link).toContain(code!);
    expect(result.stderr).toContain('les codes envoyés auparavant ne marchent plus');
    expect(result.stderr).toContain('transmettez vous-même le code');
    // The code shown is the live one: it activates the account.
    const { findPendingInvite } = await import('../../src/auth/activate-account.js');
    const holder = await t.db.transaction((tx) =>
      findPendingInvite(tx, { code: code!, keys: TEST_INVITE_KEYS }, new Date()),
    );
    expect(holder).toMatchObject({ nom: 'Relance', prenom: 'Rita' });
  });

  test('a failed send keeps the person and the invitation, prints the code, says how to resend, exit 1', async () => {
    mailerSend.fake.respondWith([{ status: 401, body: { message: 'Unauthenticated.' } }]);
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

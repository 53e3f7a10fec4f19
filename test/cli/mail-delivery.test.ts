import { describe, expect, test } from 'vitest';
import { useTestDatabase } from '../support/database.js';
import { useMailerSendCli } from '../support/mailersend-cli.js';

// Issue 11: what the admin is told matches what MailerSend will do. A suppressed recipient (202
// with ALL_SUPPRESSED) is not « envoyé »; « Martin, Jr » can be e-mailed (MailerSend refuses , ; in names).
const t = useTestDatabase();
const mailerSend = useMailerSendCli(t);

const viaMailerSend = mailerSend.run;

describe('MailerSend delivery as the admin sees it', () => {
  test('a 202 saying the recipient is suppressed: exit 1, not delivered, logged failed', async () => {
    mailerSend.fake.respondWith([
      {
        status: 202,
        headers: { 'x-message-id': 'msg-suppressed' },
        body: {
          message: 'There are some warnings for your request.',
          warnings: [
            { type: 'ALL_SUPPRESSED', recipients: [{ email: 'bounce@example.org', reasons: ['hard_bounced'] }] },
          ],
        },
      },
    ]);
    const result = await viaMailerSend('mail', 'test', 'bounce@example.org');
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('liste de suppression, ALL_SUPPRESSED : hard_bounced');
    expect(result.stderr).not.toContain('accepté par MailerSend');
    const log = JSON.parse((await viaMailerSend('mail', 'log', '--limit', '1', '--json')).stdout);
    expect(log[0]).toMatchObject({ to: 'bounce@example.org', status: 'failed', provider_message_id: 'msg-suppressed' });
  });

  test('« Martin, Jr » gets the invitation, under a name MailerSend accepts', async () => {
    const result = await viaMailerSend(
      'persons',
      'add',
      '--nom',
      'Martin, Jr',
      '--prenom',
      'Paul',
      '--email',
      'paul.jr@example.org',
      '--invite',
      '--send',
    );
    expect(result.code).toBe(0);
    const request = mailerSend.fake.requests.at(-1)!;
    const to = (request.body as { to: { email: string; name?: string }[] }).to;
    expect(to).toHaveLength(1);
    expect(to[0]!.email).toBe('paul.jr@example.org');
    expect(to[0]!.name).not.toMatch(/[,;]/);
    expect(to[0]!.name).toContain('Martin Jr');
  });
});

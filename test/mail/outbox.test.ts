import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EmailAttempt, MailMessage } from '../../src/mail/message.js';
import { buildOutboxFileName, createOutboxMailer } from '../../src/mail/outbox.js';
import { renderInvitationEmail } from '../../src/mail/templates/invitation.js';
import { buildActivationUrl } from '../../src/mail/templates/links.js';

const CODE = 'K7PM-2XQR-9WTB';
const NOW = new Date('2026-12-01T13:05:09.123Z');

function buildMessage(): MailMessage {
  return {
    to: { email: 'lea@example.org', name: 'Léa Dupont' },
    template: 'invitation',
    personId: 7,
    ...renderInvitationEmail({
      prenom: 'Léa',
      nom: 'Dupont',
      code: CODE,
      activationUrl: buildActivationUrl('https://acces.zdl.example', CODE),
      expiresAt: new Date('2026-12-04T13:05:00Z'),
    }),
  };
}

let root: string;
let attempts: EmailAttempt[];

beforeEach(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'zdl-outbox-'));
  attempts = [];
});

afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

function buildMailer(dir: string) {
  return createOutboxMailer({
    dir,
    from: { email: 'acces@zdl.example', name: 'ZDL' },
    recordAttempt: async (attempt) => {
      attempts.push(attempt);
    },
    clock: () => NOW,
  });
}

describe('outbox mailer', () => {
  it('writes the MailerSend body plus the template as one private JSON file', async () => {
    const dir = path.join(root, 'nested', 'outbox');
    const message = buildMessage();
    const result = await buildMailer(dir).send(message);

    expect(result.status).toBe('outbox');
    expect(result.outboxFile).toBeDefined();
    const file = result.outboxFile as string;
    expect(path.dirname(file)).toBe(dir);
    expect(path.basename(file)).toMatch(/^2026-12-01T13-05-09-123Z-invitation-[0-9a-f]{8}\.json$/);

    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual({
      from: { email: 'acces@zdl.example', name: 'ZDL' },
      to: [{ email: 'lea@example.org', name: 'Léa Dupont' }],
      subject: message.subject,
      text: message.text,
      html: message.html,
      settings: { track_clicks: false, track_opens: false, track_content: false },
      template: 'invitation',
      created_at: '2026-12-01T13:05:09.123Z',
    });
    expect((await stat(dir)).mode & 0o777).toBe(0o700);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
  });

  it('records an outbox attempt without the code', async () => {
    await buildMailer(root).send(buildMessage());
    expect(attempts).toEqual([
      {
        to: 'lea@example.org',
        personId: 7,
        template: 'invitation',
        status: 'outbox',
        providerMessageId: null,
        attempt: 1,
        error: null,
      },
    ]);
    expect(JSON.stringify(attempts)).not.toContain(CODE);
  });

  it('keeps every message in its own file, sorted by time', async () => {
    const mailer = buildMailer(root);
    await mailer.send(buildMessage());
    await mailer.send(buildMessage());
    expect(await readdir(root)).toHaveLength(2);
    const early = buildOutboxFileName(new Date('2026-01-02T03:04:05.006Z'), 'test');
    const late = buildOutboxFileName(new Date('2026-01-02T03:04:05.007Z'), 'invitation');
    expect([late, early].sort()).toEqual([early, late]);
  });
});

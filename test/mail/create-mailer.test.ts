import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config.js';
import { isZdlError } from '../../src/errors.js';
import { createMailer } from '../../src/mail/create-mailer.js';
import type { EmailAttempt } from '../../src/mail/message.js';
import { renderTestEmail } from '../../src/mail/templates/test-email.js';
import { startFakeMailerSend, type FakeMailerSend } from '../support/fake-mailersend.js';

let root: string;
let fake: FakeMailerSend;
let attempts: EmailAttempt[];
let notices: string[];

const deps = () => ({
  recordAttempt: async (attempt: EmailAttempt) => {
    attempts.push(attempt);
  },
  onNotice: (line: string) => notices.push(line),
  sleep: async () => {},
});

const testMessage = () => ({ to: { email: 'admin@example.org' }, template: 'test' as const, ...renderTestEmail() });

beforeEach(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'zdl-mailer-'));
  fake = await startFakeMailerSend();
  attempts = [];
  notices = [];
});

afterEach(async () => {
  await fake.close();
  await rm(root, { recursive: true, force: true });
});

describe('createMailer', () => {
  it('uses MailerSend at MAILERSEND_API_URL when a key is set, with the parsed sender', async () => {
    const config = parseConfig(
      {
        MAILERSEND_API_KEY: 'mlsn.key',
        MAILERSEND_API_URL: `${fake.url}/`,
        // Production: real e-mails, so a public https URL and a real sender domain (live-mail.ts).
        ZDL_PUBLIC_URL: 'https://acces.zdl.org',
        ZDL_MAIL_FROM: 'Accès ZDL <acces@zdl.org>',
        NODE_ENV: 'production',
      },
      root,
    );
    const mailer = createMailer(config, deps());
    expect(mailer.kind).toBe('mailersend');

    const result = await mailer.send(testMessage());
    expect(result.status).toBe('sent');
    expect(fake.requests[0]?.path).toBe('/v1/email');
    expect(fake.requests[0]?.body).toMatchObject({ from: { email: 'acces@zdl.org', name: 'Accès ZDL' } });
    expect(attempts[0]).toMatchObject({ status: 'sent', personId: null, template: 'test' });
  });

  it('falls back to the outbox without a key outside production, and says so', async () => {
    const config = parseConfig({ ZDL_MAIL_OUTBOX: 'mails' }, root);
    const mailer = createMailer(config, deps());
    expect(mailer.kind).toBe('outbox');
    expect(notices).toEqual([
      `MAILERSEND_API_KEY absent : les e-mails ne sont pas envoyés, ils sont écrits dans ${path.join(root, 'mails')}`,
    ]);

    const result = await mailer.send(testMessage());
    expect(result.outboxFile?.startsWith(path.join(root, 'mails'))).toBe(true);
    const written = JSON.parse(await readFile(result.outboxFile as string, 'utf8'));
    expect(written.from).toEqual({ email: 'acces@zdl.invalid', name: 'ZDL' });
    expect(fake.requests).toHaveLength(0);
  });

  it('refuses to run without a key in production', () => {
    const config = parseConfig({ NODE_ENV: 'production' }, root);
    let caught: unknown;
    try {
      createMailer(config, deps());
    } catch (error) {
      caught = error;
    }
    expect(isZdlError(caught, 'MAIL_NOT_CONFIGURED')).toBe(true);
    expect((caught as Error).message).toMatch(/^MAILERSEND_API_KEY manque : /);
    expect(isZdlError(caught) && caught.kind).toBe('operational');
  });
});

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isZdlError, type ZdlError } from '../../src/errors.js';
import { createMailerSendMailer, type MailerSendOptions } from '../../src/mail/mailersend.js';
import type { EmailAttempt, MailMessage } from '../../src/mail/message.js';
import { buildResetUrl } from '../../src/mail/templates/links.js';
import { renderPasswordResetEmail } from '../../src/mail/templates/password-reset.js';
import { findClosedPortUrl, startFakeMailerSend, type FakeMailerSend } from '../support/fake-mailersend.js';

const API_KEY = 'mlsn.test-key-0123456789';
const TOKEN = 'tok_SuperSecretResetToken_abcdefghijklmnop';
const OTP = '493817';

function buildMessage(): MailMessage {
  return {
    to: { email: 'camille@example.org', name: 'Camille Martin' },
    template: 'password_reset',
    personneId: 42,
    ...renderPasswordResetEmail({
      prenom: 'Camille',
      resetUrl: buildResetUrl('https://acces.zdl.example', TOKEN),
      otp: OTP,
    }),
  };
}

let fake: FakeMailerSend;
let attempts: EmailAttempt[];
let sleeps: number[];
let notices: string[];

function buildMailer(overrides: Partial<MailerSendOptions> = {}) {
  return createMailerSendMailer({
    apiKey: API_KEY,
    apiUrl: fake.url,
    from: { email: 'acces@zdl.example', name: 'ZDL' },
    recordAttempt: async (attempt) => {
      attempts.push(attempt);
    },
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    onNotice: (line) => notices.push(line),
    ...overrides,
  });
}

async function captureError(promise: Promise<unknown>): Promise<ZdlError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!isZdlError(error)) throw new Error(`expected a ZdlError, got ${String(error)}`);
  return error;
}

beforeEach(async () => {
  fake = await startFakeMailerSend();
  attempts = [];
  sleeps = [];
  notices = [];
});

afterEach(async () => {
  await fake.close();
});

describe('MailerSend mailer', () => {
  it('POSTs the message to {base}/email with the bearer key and tracking off', async () => {
    fake.respondWith([{ status: 202, headers: { 'x-message-id': 'msg-123' } }]);
    const message = buildMessage();
    const result = await buildMailer().send(message);

    expect(result).toEqual({ status: 'sent', messageId: 'msg-123' });
    expect(fake.requests).toHaveLength(1);
    const [request] = fake.requests;
    expect(request?.method).toBe('POST');
    expect(request?.path).toBe('/v1/email');
    expect(request?.headers.authorization).toBe(`Bearer ${API_KEY}`);
    expect(request?.headers['content-type']).toMatch(/application\/json/);
    expect(request?.body).toEqual({
      from: { email: 'acces@zdl.example', name: 'ZDL' },
      to: [{ email: 'camille@example.org', name: 'Camille Martin' }],
      subject: message.subject,
      text: message.text,
      html: message.html,
      settings: { track_clicks: false, track_opens: false, track_content: false },
    });
    expect(attempts).toEqual([
      {
        to: 'camille@example.org',
        personneId: 42,
        template: 'password_reset',
        status: 'sent',
        providerMessageId: 'msg-123',
        attempt: 1,
        error: null,
      },
    ]);
  });

  it('retries a 429 after the Retry-After delay, then succeeds', async () => {
    fake.respondWith([
      { status: 429, headers: { 'retry-after': '7' }, body: { message: 'Too Many Attempts.' } },
      { status: 202, headers: { 'x-message-id': 'msg-after-429' } },
    ]);
    const result = await buildMailer().send(buildMessage());

    expect(result.messageId).toBe('msg-after-429');
    expect(fake.requests).toHaveLength(2);
    expect(sleeps).toEqual([7_000]);
    expect(attempts.map((a) => [a.status, a.attempt, a.providerMessageId])).toEqual([
      ['failed', 1, null],
      ['sent', 2, 'msg-after-429'],
    ]);
    expect(attempts[0]?.error).toContain('HTTP 429');
  });

  it('caps a long Retry-After at 30 s', async () => {
    fake.respondWith([
      { status: 429, headers: { 'retry-after': '3600' } },
      { status: 202, headers: { 'x-message-id': 'x' } },
    ]);
    await buildMailer().send(buildMessage());
    expect(sleeps).toEqual([30_000]);
  });

  it.each([401, 403])('does not retry a %i and says the API key is refused', async (status) => {
    fake.respondWith([{ status, body: { message: 'Unauthenticated.' } }]);
    const error = await captureError(buildMailer().send(buildMessage()));

    expect(error.code).toBe('MAIL_FAILED');
    expect(error.kind).toBe('operational');
    expect(error.message).toContain(`MailerSend refuse la clé d'API (HTTP ${status})`);
    expect(error.message).toContain('MAILERSEND_API_KEY');
    expect(fake.requests).toHaveLength(1);
    expect(sleeps).toEqual([]);
    expect(attempts).toHaveLength(1);
    expect(attempts[0]?.status).toBe('failed');
  });

  it("does not retry a 422 and repeats MailerSend's validation message", async () => {
    fake.respondWith([
      {
        status: 422,
        body: {
          message: 'The from.email domain must be verified in your account to send emails. #MS42207',
          errors: { 'from.email': ['The from.email domain must be verified in your account to send emails. #MS42207'] },
        },
      },
    ]);
    const error = await captureError(buildMailer().send(buildMessage()));

    expect(error.code).toBe('MAIL_FAILED');
    expect(error.message).toBe(
      "Envoi de l'e-mail à camille@example.org impossible : MailerSend a refusé le message (HTTP 422) : " +
        'The from.email domain must be verified in your account to send emails. #MS42207.',
    );
    expect(fake.requests).toHaveLength(1);
    expect(attempts[0]?.error).toContain('#MS42207');
  });

  it('gives up after 3 attempts on 5xx, with exponential backoff', async () => {
    fake.respondWith([{ status: 500 }, { status: 502 }, { status: 503, body: { message: 'Service Unavailable' } }]);
    const error = await captureError(buildMailer().send(buildMessage()));

    expect(error.code).toBe('MAIL_FAILED');
    expect(error.message).toContain('MailerSend est indisponible (HTTP 503)');
    expect(error.message).toContain('abandon après 3 tentatives');
    expect(error.details).toMatchObject({ statusCode: 503, attempts: 3 });
    expect(fake.requests).toHaveLength(3);
    expect(sleeps).toEqual([1_000, 2_000]);
    expect(attempts.map((a) => [a.status, a.attempt])).toEqual([
      ['failed', 1],
      ['failed', 2],
      ['failed', 3],
    ]);
  });

  it('retries network errors, then fails with a French message and no raw error attached', async () => {
    const closedUrl = await findClosedPortUrl();
    const error = await captureError(buildMailer({ apiUrl: closedUrl }).send(buildMessage()));

    expect(error.code).toBe('MAIL_FAILED');
    expect(error.message).toContain(`Impossible de joindre MailerSend à ${closedUrl}`);
    expect(error.message).toContain('ECONNREFUSED');
    expect(error.message).toContain('abandon après 3 tentatives');
    // gaxios errors keep the request body (with the OTP and token): they must not travel on.
    expect(error.cause).toBeUndefined();
    expect(attempts).toHaveLength(3);
    expect(sleeps).toEqual([1_000, 2_000]);
  });

  it('treats a request that never answers as a retryable timeout', async () => {
    fake.respondWith([{ status: 202, delayMs: 2_000 }]);
    const error = await captureError(buildMailer({ timeoutMs: 50, maxAttempts: 1 }).send(buildMessage()));
    expect(error.message).toContain("MailerSend n'a pas répondu");
    expect(attempts).toHaveLength(1);
  });

  it('reports a 202 with warnings as sent, with the warnings returned and logged', async () => {
    const warnings = [
      {
        type: 'ALL_SUPPRESSED',
        warning: 'None of the recipients were sent this email.',
        recipients: [{ email: 'camille@example.org', name: 'Camille Martin', reasons: ['hard_bounced'] }],
      },
    ];
    fake.respondWith([
      {
        status: 202,
        headers: { 'x-message-id': 'msg-warned' },
        body: { message: 'There are some warnings for your request.', warnings },
      },
    ]);
    const result = await buildMailer().send(buildMessage());

    expect(result).toEqual({ status: 'sent', messageId: 'msg-warned', warnings });
    expect(attempts[0]).toMatchObject({ status: 'sent', providerMessageId: 'msg-warned' });
    expect(attempts[0]?.error).toContain('ALL_SUPPRESSED');
    expect(notices.join('\n')).toContain('ALL_SUPPRESSED');
  });

  it('never puts the token, the OTP or the body in attempt records', async () => {
    fake.respondWith([{ status: 500 }, { status: 422, body: { message: 'Invalid.' } }]);
    await captureError(buildMailer().send(buildMessage()));
    fake.respondWith([{ status: 202, headers: { 'x-message-id': 'ok' } }]);
    await buildMailer().send(buildMessage());

    expect(attempts).toHaveLength(3);
    const logged = JSON.stringify(attempts);
    expect(logged).not.toContain(TOKEN);
    expect(logged).not.toContain(OTP);
    expect(logged).not.toContain('reset-password');
    for (const attempt of attempts) {
      expect(Object.keys(attempt).sort()).toEqual(
        ['attempt', 'error', 'personneId', 'providerMessageId', 'status', 'template', 'to'].sort(),
      );
    }
  });

  it('still reports a delivered e-mail as sent when the attempt log fails', async () => {
    fake.respondWith([{ status: 202, headers: { 'x-message-id': 'msg-unlogged' } }]);
    const mailer = buildMailer({
      recordAttempt: async () => {
        throw new Error('database is down');
      },
    });
    const result = await mailer.send(buildMessage());

    expect(result.messageId).toBe('msg-unlogged');
    expect(fake.requests).toHaveLength(1);
    expect(notices.join('\n')).toContain('Journal des e-mails indisponible');
  });
});

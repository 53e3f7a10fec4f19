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
/** The mailer's clock: only the fake sleep moves it, so waits are exact and instant. */
let clockMs: number;

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
      clockMs += ms;
    },
    now: () => clockMs,
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
  clockMs = Date.parse('2026-12-01T10:00:00Z');
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

  it('a lasting 429 is retried when the window reopens, not after 1-2 s, within the total wait', async () => {
    // No Retry-After, the window spent: MailerSend's windows are per minute.
    fake.respondWith([
      { status: 429, headers: { 'x-ratelimit-remaining': '0' } },
      { status: 429, headers: { 'x-ratelimit-reset': String(Math.floor(clockMs / 1000) + 60 + 45) } },
      { status: 202, headers: { 'x-message-id': 'msg-after-window' } },
    ]);
    const result = await buildMailer().send(buildMessage());
    expect(result.messageId).toBe('msg-after-window');
    expect(sleeps).toEqual([60_000, 45_000]);
    expect(attempts.map((a) => a.status)).toEqual(['failed', 'failed', 'sent']);
  });

  it('gives up at once when the 429 lasts beyond the total wait, saying until when', async () => {
    fake.respondWith([{ status: 429, headers: { 'retry-after': '3600' } }]);
    const error = await captureError(buildMailer().send(buildMessage()));
    expect(error.code).toBe('MAIL_FAILED');
    expect(error.message).toContain("MailerSend limite le nombre d'envois (HTTP 429) jusqu'à 11:00:00 UTC");
    expect(sleeps).toEqual([]);
    expect(fake.requests).toHaveLength(1);
  });

  it('waits in all at most maxRateLimitWaitMs, and the next sends wait for the same window instead of piling on', async () => {
    const mailer = buildMailer({ maxRateLimitWaitMs: 20_000 });
    fake.respondWith([
      { status: 429, headers: { 'retry-after': '15' } },
      { status: 429, headers: { 'retry-after': '15' } },
    ]);
    const first = await captureError(mailer.send(buildMessage()));
    expect(first.message).toContain('HTTP 429');
    expect(sleeps).toEqual([15_000]);
    expect(fake.requests).toHaveLength(2);
    // Still limited for 15 s: a second send waits for that moment without asking MailerSend first.
    const second = await mailer.send(buildMessage());
    expect(sleeps).toEqual([15_000, 15_000]);
    expect(fake.requests).toHaveLength(3);
    expect(second.status).toBe('sent');
  });

  it('cleans a display name MailerSend would refuse (« Martin, Jr »)', async () => {
    const message = { ...buildMessage(), to: { email: 'jr@example.org', name: 'Martin, Jr ;  fils' } };
    await buildMailer().send(message);
    expect((fake.requests[0]!.body as { to: unknown }).to).toEqual([
      { email: 'jr@example.org', name: 'Martin Jr fils' },
    ]);
    await buildMailer().send({ ...message, to: { email: 'jr@example.org', name: ' , ' } });
    expect((fake.requests[1]!.body as { to: unknown }).to).toEqual([{ email: 'jr@example.org' }]);
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

  it('a 202 whose warnings say the recipient is suppressed is a failure, logged as not delivered', async () => {
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
    const error = await captureError(buildMailer().send(buildMessage()));

    expect(error.code).toBe('MAIL_FAILED');
    expect(error.message).toContain(
      "MailerSend n'envoie plus rien à cette adresse (liste de suppression, ALL_SUPPRESSED : hard_bounced)",
    );
    expect(error.details).toMatchObject({ suppressed: true });
    expect(fake.requests).toHaveLength(1); // not retried: it would be suppressed again
    expect(attempts).toHaveLength(1);
    expect(attempts[0]).toMatchObject({ status: 'failed', providerMessageId: 'msg-warned' });
    expect(attempts[0]?.error).toContain('ALL_SUPPRESSED');
  });

  it('SOME_SUPPRESSED naming our recipient is not delivered either; other warnings still count as sent', async () => {
    const some = [
      { type: 'SOME_SUPPRESSED', recipients: [{ email: 'Camille@Example.org', reasons: ['unsubscribed'] }] },
    ];
    fake.respondWith([{ status: 202, headers: { 'x-message-id': 'a' }, body: { warnings: some } }]);
    expect((await captureError(buildMailer().send(buildMessage()))).message).toContain(
      'SOME_SUPPRESSED : unsubscribed',
    );
    const other = [{ type: 'SOME_SUPPRESSED', recipients: [{ email: 'someone-else@example.org' }] }];
    fake.respondWith([{ status: 202, headers: { 'x-message-id': 'b' }, body: { warnings: other } }]);
    const result = await buildMailer().send(buildMessage());
    expect(result).toMatchObject({ status: 'sent', messageId: 'b' });
    expect(notices.join('\n')).toContain('SOME_SUPPRESSED');
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

import { describe, expect, it } from 'vitest';
import { findClosedPortUrl } from '../support/fake-mailersend.js';
import {
  API_KEY,
  buildMessage,
  captureError,
  OTP,
  TOKEN,
  useMailerSendHarness,
} from '../support/mailersend-harness.js';

const h = useMailerSendHarness();

describe('MailerSend mailer', () => {
  it('POSTs the message to {base}/email with the bearer key and tracking off', async () => {
    h.fake.respondWith([{ status: 202, headers: { 'x-message-id': 'msg-123' } }]);
    const message = buildMessage();
    const result = await h.buildMailer().send(message);

    expect(result).toEqual({ status: 'sent', messageId: 'msg-123' });
    expect(h.fake.requests).toHaveLength(1);
    const [request] = h.fake.requests;
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
    expect(h.attempts).toEqual([
      {
        to: 'camille@example.org',
        personId: 42,
        template: 'password_reset',
        status: 'sent',
        providerMessageId: 'msg-123',
        attempt: 1,
        error: null,
      },
    ]);
  });

  it('cleans a display name MailerSend would refuse (« Martin, Jr »)', async () => {
    const message = { ...buildMessage(), to: { email: 'jr@example.org', name: 'Martin, Jr ;  fils' } };
    await h.buildMailer().send(message);
    expect((h.fake.requests[0]!.body as { to: unknown }).to).toEqual([
      { email: 'jr@example.org', name: 'Martin Jr fils' },
    ]);
    await h.buildMailer().send({ ...message, to: { email: 'jr@example.org', name: ' , ' } });
    expect((h.fake.requests[1]!.body as { to: unknown }).to).toEqual([{ email: 'jr@example.org' }]);
  });

  it.each([401, 403])('does not retry a %i and says the API key is refused', async (status) => {
    h.fake.respondWith([{ status, body: { message: 'Unauthenticated.' } }]);
    const error = await captureError(h.buildMailer().send(buildMessage()));

    expect(error.code).toBe('MAIL_FAILED');
    expect(error.kind).toBe('operational');
    expect(error.message).toContain(`MailerSend refuse la clé d'API (HTTP ${status})`);
    expect(error.message).toContain('MAILERSEND_API_KEY');
    expect(h.fake.requests).toHaveLength(1);
    expect(h.sleeps).toEqual([]);
    expect(h.attempts).toHaveLength(1);
    expect(h.attempts[0]?.status).toBe('failed');
  });

  it("does not retry a 422 and repeats MailerSend's validation message", async () => {
    h.fake.respondWith([
      {
        status: 422,
        body: {
          message: 'The from.email domain must be verified in your account to send emails. #MS42207',
          errors: { 'from.email': ['The from.email domain must be verified in your account to send emails. #MS42207'] },
        },
      },
    ]);
    const error = await captureError(h.buildMailer().send(buildMessage()));

    expect(error.code).toBe('MAIL_FAILED');
    expect(error.message).toBe(
      "Envoi de l'e-mail à camille@example.org impossible : MailerSend a refusé le message (HTTP 422) : " +
        'The from.email domain must be verified in your account to send emails. #MS42207.',
    );
    expect(h.fake.requests).toHaveLength(1);
    expect(h.attempts[0]?.error).toContain('#MS42207');
  });

  it('gives up after 3 attempts on 5xx, with exponential backoff', async () => {
    h.fake.respondWith([{ status: 500 }, { status: 502 }, { status: 503, body: { message: 'Service Unavailable' } }]);
    const error = await captureError(h.buildMailer().send(buildMessage()));

    expect(error.code).toBe('MAIL_FAILED');
    expect(error.message).toContain('MailerSend est indisponible (HTTP 503)');
    expect(error.message).toContain('abandon après 3 tentatives');
    expect(error.details).toMatchObject({ statusCode: 503, attempts: 3 });
    expect(h.fake.requests).toHaveLength(3);
    expect(h.sleeps).toEqual([1_000, 2_000]);
    expect(h.attempts.map((a) => [a.status, a.attempt])).toEqual([
      ['failed', 1],
      ['failed', 2],
      ['failed', 3],
    ]);
  });

  it('retries network errors, then fails with a French message and no raw error attached', async () => {
    const closedUrl = await findClosedPortUrl();
    const error = await captureError(h.buildMailer({ apiUrl: closedUrl }).send(buildMessage()));

    expect(error.code).toBe('MAIL_FAILED');
    expect(error.message).toContain(`Impossible de joindre MailerSend à ${closedUrl}`);
    expect(error.message).toContain('ECONNREFUSED');
    expect(error.message).toContain('abandon après 3 tentatives');
    // gaxios errors keep the request body (with the OTP and token): they must not travel on.
    expect(error.cause).toBeUndefined();
    expect(h.attempts).toHaveLength(3);
    expect(h.sleeps).toEqual([1_000, 2_000]);
  });

  it('treats a request that never answers as a retryable timeout', async () => {
    h.fake.respondWith([{ status: 202, delayMs: 2_000 }]);
    const error = await captureError(h.buildMailer({ timeoutMs: 50, maxAttempts: 1 }).send(buildMessage()));
    expect(error.message).toContain("MailerSend n'a pas répondu");
    expect(h.attempts).toHaveLength(1);
  });

  it('a 202 whose warnings say the recipient is suppressed is a failure, logged as not delivered', async () => {
    const warnings = [
      {
        type: 'ALL_SUPPRESSED',
        warning: 'None of the recipients were sent this email.',
        recipients: [{ email: 'camille@example.org', name: 'Camille Martin', reasons: ['hard_bounced'] }],
      },
    ];
    h.fake.respondWith([
      {
        status: 202,
        headers: { 'x-message-id': 'msg-warned' },
        body: { message: 'There are some warnings for your request.', warnings },
      },
    ]);
    const error = await captureError(h.buildMailer().send(buildMessage()));

    expect(error.code).toBe('MAIL_FAILED');
    expect(error.message).toContain(
      "MailerSend n'envoie plus rien à cette adresse (liste de suppression, ALL_SUPPRESSED : hard_bounced)",
    );
    expect(error.details).toMatchObject({ suppressed: true });
    expect(h.fake.requests).toHaveLength(1); // not retried: it would be suppressed again
    expect(h.attempts).toHaveLength(1);
    expect(h.attempts[0]).toMatchObject({ status: 'failed', providerMessageId: 'msg-warned' });
    expect(h.attempts[0]?.error).toContain('ALL_SUPPRESSED');
  });

  it('SOME_SUPPRESSED naming our recipient is not delivered either; other warnings still count as sent', async () => {
    const some = [
      { type: 'SOME_SUPPRESSED', recipients: [{ email: 'Camille@Example.org', reasons: ['unsubscribed'] }] },
    ];
    h.fake.respondWith([{ status: 202, headers: { 'x-message-id': 'a' }, body: { warnings: some } }]);
    expect((await captureError(h.buildMailer().send(buildMessage()))).message).toContain(
      'SOME_SUPPRESSED : unsubscribed',
    );
    const other = [{ type: 'SOME_SUPPRESSED', recipients: [{ email: 'someone-else@example.org' }] }];
    h.fake.respondWith([{ status: 202, headers: { 'x-message-id': 'b' }, body: { warnings: other } }]);
    const result = await h.buildMailer().send(buildMessage());
    expect(result).toMatchObject({ status: 'sent', messageId: 'b' });
    expect(h.notices.join('\n')).toContain('SOME_SUPPRESSED');
  });

  it('never puts the token, the OTP or the body in attempt records', async () => {
    h.fake.respondWith([{ status: 500 }, { status: 422, body: { message: 'Invalid.' } }]);
    await captureError(h.buildMailer().send(buildMessage()));
    h.fake.respondWith([{ status: 202, headers: { 'x-message-id': 'ok' } }]);
    await h.buildMailer().send(buildMessage());

    expect(h.attempts).toHaveLength(3);
    const logged = JSON.stringify(h.attempts);
    expect(logged).not.toContain(TOKEN);
    expect(logged).not.toContain(OTP);
    expect(logged).not.toContain('reset-password');
    for (const attempt of h.attempts) {
      expect(Object.keys(attempt).sort()).toEqual(
        ['attempt', 'error', 'personId', 'providerMessageId', 'status', 'template', 'to'].sort(),
      );
    }
  });

  it('still reports a delivered e-mail as sent when the attempt log fails', async () => {
    h.fake.respondWith([{ status: 202, headers: { 'x-message-id': 'msg-unlogged' } }]);
    const mailer = h.buildMailer({
      recordAttempt: async () => {
        throw new Error('database is down');
      },
    });
    const result = await mailer.send(buildMessage());

    expect(result.messageId).toBe('msg-unlogged');
    expect(h.fake.requests).toHaveLength(1);
    expect(h.notices.join('\n')).toContain('Journal des e-mails indisponible');
  });
});

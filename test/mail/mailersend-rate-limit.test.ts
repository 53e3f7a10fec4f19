import { describe, expect, it } from 'vitest';
import { buildMessage, captureError, useMailerSendHarness } from '../support/mailersend-harness.js';

// MailerSend's rate limits (HTTP 429): waits for the window, within a total wait, without piling on.
const h = useMailerSendHarness();

describe('MailerSend mailer, rate limits', () => {
  it('retries a 429 after the Retry-After delay, then succeeds', async () => {
    h.fake.respondWith([
      { status: 429, headers: { 'retry-after': '7' }, body: { message: 'Too Many Attempts.' } },
      { status: 202, headers: { 'x-message-id': 'msg-after-429' } },
    ]);
    const result = await h.buildMailer().send(buildMessage());

    expect(result.messageId).toBe('msg-after-429');
    expect(h.fake.requests).toHaveLength(2);
    expect(h.sleeps).toEqual([7_000]);
    expect(h.attempts.map((a) => [a.status, a.attempt, a.providerMessageId])).toEqual([
      ['failed', 1, null],
      ['sent', 2, 'msg-after-429'],
    ]);
    expect(h.attempts[0]?.error).toContain('HTTP 429');
  });

  it('a lasting 429 is retried when the window reopens, not after 1-2 s, within the total wait', async () => {
    // No Retry-After, the window spent: MailerSend's windows are per minute.
    h.fake.respondWith([
      { status: 429, headers: { 'x-ratelimit-remaining': '0' } },
      { status: 429, headers: { 'x-ratelimit-reset': String(Math.floor(h.clockMs / 1000) + 60 + 45) } },
      { status: 202, headers: { 'x-message-id': 'msg-after-window' } },
    ]);
    const result = await h.buildMailer().send(buildMessage());
    expect(result.messageId).toBe('msg-after-window');
    expect(h.sleeps).toEqual([60_000, 45_000]);
    expect(h.attempts.map((a) => a.status)).toEqual(['failed', 'failed', 'sent']);
  });

  it('gives up at once when the 429 lasts beyond the total wait, saying until when', async () => {
    h.fake.respondWith([{ status: 429, headers: { 'retry-after': '3600' } }]);
    const error = await captureError(h.buildMailer().send(buildMessage()));
    expect(error.code).toBe('MAIL_FAILED');
    expect(error.message).toContain("MailerSend limite le nombre d'envois (HTTP 429) jusqu'à 11:00:00 UTC");
    expect(h.sleeps).toEqual([]);
    expect(h.fake.requests).toHaveLength(1);
  });

  it('waits in all at most maxRateLimitWaitMs, and the next sends wait for the same window instead of piling on', async () => {
    const mailer = h.buildMailer({ maxRateLimitWaitMs: 20_000 });
    h.fake.respondWith([
      { status: 429, headers: { 'retry-after': '15' } },
      { status: 429, headers: { 'retry-after': '15' } },
    ]);
    const first = await captureError(mailer.send(buildMessage()));
    expect(first.message).toContain('HTTP 429');
    expect(h.sleeps).toEqual([15_000]);
    expect(h.fake.requests).toHaveLength(2);
    // Still limited for 15 s: a second send waits for that moment without asking MailerSend first.
    const second = await mailer.send(buildMessage());
    expect(h.sleeps).toEqual([15_000, 15_000]);
    expect(h.fake.requests).toHaveLength(3);
    expect(second.status).toBe('sent');
  });
});

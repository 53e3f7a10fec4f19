import { afterEach, beforeEach } from 'vitest';
import { isZdlError, type ZdlError } from '../../src/errors.js';
import { createMailerSendMailer, type MailerSendOptions } from '../../src/mail/mailersend.js';
import type { EmailAttempt, MailMessage } from '../../src/mail/message.js';
import { buildResetUrl } from '../../src/mail/templates/links.js';
import { renderPasswordResetEmail } from '../../src/mail/templates/password-reset.js';
import { type FakeMailerSend, startFakeMailerSend } from './fake-mailersend.js';

// The MailerSend mailer against the fake API of test/support/fake-mailersend.ts, with its attempt
// log, sleeps and notices captured, and a clock that only the fake sleep moves (exact, instant waits).

export const API_KEY = 'mlsn.test-key-0123456789';
export const TOKEN = 'tok_SuperSecretResetToken_abcdefghijklmnop';
export const OTP = '493817';

export function buildMessage(): MailMessage {
  return {
    to: { email: 'camille@example.org', name: 'Camille Martin' },
    template: 'password_reset',
    personId: 42,
    ...renderPasswordResetEmail({
      prenom: 'Camille',
      resetUrl: buildResetUrl('https://acces.zdl.example', TOKEN),
      otp: OTP,
    }),
  };
}

export async function captureError(promise: Promise<unknown>): Promise<ZdlError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!isZdlError(error)) throw new Error(`expected a ZdlError, got ${String(error)}`);
  return error;
}

export interface MailerSendHarness {
  fake: FakeMailerSend;
  attempts: EmailAttempt[];
  sleeps: number[];
  notices: string[];
  /** The mailer's clock, in ms. */
  clockMs: number;
  buildMailer(overrides?: Partial<MailerSendOptions>): ReturnType<typeof createMailerSendMailer>;
}

/** A fresh fake API and empty records before each test of the file. */
export function useMailerSendHarness(): MailerSendHarness {
  const h = {
    buildMailer: (overrides: Partial<MailerSendOptions> = {}) =>
      createMailerSendMailer({
        apiKey: API_KEY,
        apiUrl: h.fake.url,
        from: { email: 'acces@zdl.example', name: 'ZDL' },
        recordAttempt: async (attempt) => {
          h.attempts.push(attempt);
        },
        sleep: async (ms) => {
          h.sleeps.push(ms);
          h.clockMs += ms;
        },
        now: () => h.clockMs,
        onNotice: (line) => h.notices.push(line),
        ...overrides,
      }),
  } as MailerSendHarness;
  beforeEach(async () => {
    Object.assign(h, { fake: await startFakeMailerSend(), attempts: [], sleeps: [], notices: [] });
    h.clockMs = Date.parse('2026-12-01T10:00:00Z');
  });
  afterEach(() => h.fake.close());
  return h;
}

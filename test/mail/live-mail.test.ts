import { describe, expect, test } from 'vitest';
import { parseConfig } from '../../src/config.js';
import { isZdlError } from '../../src/errors.js';
import { assertMailCanLeave, mailAudience } from '../../src/mail/live-mail.js';

// The rules of the mail guard on parsed configurations; the commands that apply them are tested in
// test/cli/mail-guard.test.ts and test/http/serve-guard.test.ts.

const SAFE = { ZDL_PUBLIC_URL: 'https://acces.zdl.org', ZDL_MAIL_FROM: 'ZDL <acces@zdl.org>' };
// MailerSend at its real address (the default MAILERSEND_API_URL), or production.
const LIVE: Record<string, string>[] = [
  { MAILERSEND_API_KEY: 'mlsn.key' },
  { NODE_ENV: 'production', MAILERSEND_API_KEY: 'mlsn.key', MAILERSEND_API_URL: 'http://127.0.0.1:9/v1' },
];

function refusal(env: Record<string, string>): { variables: unknown; message: string } | undefined {
  try {
    assertMailCanLeave(parseConfig(env));
    return undefined;
  } catch (error) {
    if (!isZdlError(error, 'MAIL_LINKS_UNSAFE')) throw error;
    expect(error.kind).toBe('usage');
    return { variables: error.details?.variables, message: error.message };
  }
}

describe('real e-mails refuse links and senders no recipient can reach', () => {
  const unsafeUrls = [
    'http://localhost:3000',
    'https://localhost',
    'https://acces.localhost',
    'https://127.0.0.1',
    'https://127.1.2.3:8443',
    'https://[::1]:3000',
    'https://0.0.0.0',
    'https://acces.zdl.invalid',
    'https://acces.zdl.test',
    'https://acces.zdl.example',
    'https://www.example.com',
    'https://example.org',
    'http://acces.zdl.org',
    'http://192.168.1.20:3000',
  ];
  for (const live of LIVE) {
    for (const url of unsafeUrls) {
      test(`${url} with ${Object.keys(live).join(' + ')}`, () => {
        const refused = refusal({ ...SAFE, ...live, ZDL_PUBLIC_URL: url });
        expect(refused?.variables).toEqual(['ZDL_PUBLIC_URL']);
        expect(refused?.message).toContain(`ZDL_PUBLIC_URL : ${url}`);
      });
    }
    for (const from of ['ZDL <acces@zdl.invalid>', 'acces@zdl.test', 'ZDL <a@example.com>', 'a@localhost']) {
      test(`sender ${from} with ${Object.keys(live).join(' + ')}`, () => {
        const refused = refusal({ ...SAFE, ...live, ZDL_MAIL_FROM: from });
        expect(refused?.variables).toEqual(['ZDL_MAIL_FROM']);
        expect(refused?.message).toMatch(/ZDL_PUBLIC_URL=https:/);
      });
    }
  }

  test('the defaults (http://localhost:3000, acces@zdl.invalid) are both named', () => {
    expect(refusal({ MAILERSEND_API_KEY: 'mlsn.key' })?.variables).toEqual(['ZDL_PUBLIC_URL', 'ZDL_MAIL_FROM']);
  });

  test('ZDL_ALLOW_INSECURE_PUBLIC_URL=true lifts only the https rule', () => {
    const lab = { ...SAFE, ...LIVE[0], ZDL_ALLOW_INSECURE_PUBLIC_URL: 'true' };
    expect(refusal({ ...lab, ZDL_PUBLIC_URL: 'http://192.168.1.20:3000' })).toBeUndefined();
    expect(refusal({ ...lab, ZDL_PUBLIC_URL: 'http://localhost:3000' })?.variables).toEqual(['ZDL_PUBLIC_URL']);
    expect(refusal({ ...lab, ZDL_PUBLIC_URL: 'http://acces.zdl.test' })?.variables).toEqual(['ZDL_PUBLIC_URL']);
  });

  test('a public https URL and a real sender domain are accepted', () => {
    for (const live of LIVE) expect(refusal({ ...SAFE, ...live })).toBeUndefined();
  });
});

describe('who the e-mails reach', () => {
  test('the outbox and a MailerSend stand-in on this machine reach nobody: no refusal', () => {
    expect(mailAudience(parseConfig({})).live).toBe(false);
    const standIn = { MAILERSEND_API_KEY: 'k', MAILERSEND_API_URL: 'http://127.0.0.1:4000/v1' };
    expect(mailAudience(parseConfig(standIn)).live).toBe(false);
    expect(refusal(standIn)).toBeUndefined();
  });

  test('any other MailerSend URL is real, and production always is', () => {
    const relay = { MAILERSEND_API_KEY: 'k', MAILERSEND_API_URL: 'https://relais.zdl.org/v1' };
    expect(mailAudience(parseConfig(relay))).toEqual({
      live: true,
      reason: 'MailerSend configuré (MAILERSEND_API_KEY)',
    });
    expect(mailAudience(parseConfig({ NODE_ENV: 'production' }))).toMatchObject({ live: true });
  });

  test('production without a key is refused first, as before (MAIL_NOT_CONFIGURED)', () => {
    expect(() => assertMailCanLeave(parseConfig({ NODE_ENV: 'production' }))).toThrow(/^MAILERSEND_API_KEY manque/);
  });
});

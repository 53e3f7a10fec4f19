import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { runCli } from '../support/cli.js';
import { useTestDatabase } from '../support/database.js';
import { startFakeMailerSend, type FakeMailerSend } from '../support/fake-mailersend.js';

// Every command that e-mails refuses, exit 2 and before it writes anything, when the e-mails would
// reach real people with links or a sender no one can reach (src/mail/live-mail.ts).

const t = useTestDatabase();
let fake: FakeMailerSend;
beforeAll(async () => (fake = await startFakeMailerSend()));
afterAll(() => fake.close());

const SAFE = { ZDL_PUBLIC_URL: 'https://acces.zdl.org', ZDL_MAIL_FROM: 'ZDL <acces@zdl.org>' };
// The real MailerSend: a key and the default MAILERSEND_API_URL (https://api.mailersend.com/v1).
const REAL_MAILERSEND = { MAILERSEND_API_KEY: 'mlsn.vraie-cle' };
const cli = (argv: string[], env: Record<string, string> = {}) =>
  runCli(argv, { env: { ...t.env, ZDL_MAIL_OUTBOX: path.join(t.dir, 'outbox'), ...env }, cwd: t.dir });

const TABLES = ['personnes', 'user_invites', 'password_resets', 'email_log', 'audit_log'] as const;
async function rowCounts(): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of TABLES) {
    const [row] = await t.db.transaction((tx) => tx`select count(*)::int as n from ${tx(`zdl.${table}`)}`);
    counts[table] = row!.n;
  }
  return counts;
}

let personId: string;
beforeAll(async () => {
  // Through the local outbox (nothing real): a person with a pending invitation.
  const added = await cli(
    ['persons', 'add', '--nom', 'Garde', '--prenom', 'Gina', '--email', 'gina@example.org', '--invite', '--json'],
    SAFE,
  );
  expect(added.code, added.stderr).toBe(0);
  personId = String(JSON.parse(added.stdout).person.id);
});

const file = () => {
  const csv = path.join(t.dir, 'import.csv');
  writeFileSync(csv, 'nom,prenom,email\nImport,Ines,ines@example.org\n');
  return csv;
};
const commands: [string, () => string[]][] = [
  [
    'persons add --invite --send',
    () => ['persons', 'add', '--nom', 'N', '--prenom', 'P', '--email', 'p@example.org', '--invite', '--send'],
  ],
  ['invites issue --send', () => ['invites', 'issue', personId, '--send']],
  ['invites resend', () => ['invites', 'resend', personId]],
  ['reset send', () => ['reset', 'send', personId]],
  ['mail test', () => ['mail', 'test', 'admin@example.org']],
  ['persons import --invite --send', () => ['persons', 'import', file(), '--invite', '--send']],
];
const unsafe: [string, Record<string, string>, string][] = [
  ['the default localhost URL', { ZDL_MAIL_FROM: SAFE.ZDL_MAIL_FROM }, 'ZDL_PUBLIC_URL : http://localhost:3000'],
  ['a .test URL', { ...SAFE, ZDL_PUBLIC_URL: 'https://acces.zdl.test' }, 'réservé (.test)'],
  ['http on a public host', { ...SAFE, ZDL_PUBLIC_URL: 'http://acces.zdl.org' }, 'doivent être en https'],
  ['the default zdl.invalid sender', { ZDL_PUBLIC_URL: SAFE.ZDL_PUBLIC_URL }, 'ZDL_MAIL_FROM : acces@zdl.invalid'],
];

describe('commands that send refuse real e-mails with dead links, before writing', () => {
  for (const [name, argv] of commands) {
    for (const [what, env, says] of unsafe) {
      test(`${name}: ${what} with the real MailerSend`, async () => {
        const before = await rowCounts();
        const started = Date.now();
        const result = await cli(argv(), { ...env, ...REAL_MAILERSEND });
        expect(result.code, result.stderr).toBe(2);
        expect(result.stderr).toContain(says);
        expect(result.stderr).toContain('ZDL_PUBLIC_URL');
        expect(result.stderr).toContain('MailerSend configuré');
        // No attempt at api.mailersend.com (it would fail here, be logged, and take seconds).
        expect(Date.now() - started).toBeLessThan(5_000);
        expect(await rowCounts()).toEqual(before);
      });
    }
    test(`${name}: NODE_ENV=production, and MailerSend never called`, async () => {
      const before = await rowCounts();
      const production = { NODE_ENV: 'production', ...REAL_MAILERSEND, MAILERSEND_API_URL: fake.url };
      const result = await cli(argv(), { ZDL_PUBLIC_URL: 'https://acces.zdl.example', ...production });
      expect(result.code, result.stderr).toBe(2);
      expect(result.stderr).toContain('NODE_ENV=production');
      expect(fake.requests).toHaveLength(0);
      expect(await rowCounts()).toEqual(before);
    });
  }

  test('the same commands still send with a public https URL and a real sender', async () => {
    const result = await cli(['mail', 'test', 'admin@example.org'], {
      ...SAFE,
      NODE_ENV: 'production',
      ...REAL_MAILERSEND,
      MAILERSEND_API_URL: fake.url,
    });
    expect(result.code, result.stderr).toBe(0);
    expect(fake.requests).toHaveLength(1);
  });
});

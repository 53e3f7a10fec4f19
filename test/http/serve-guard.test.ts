import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { testDatabaseKind, useTestDatabase } from '../support/database.js';
import { startFakeMailerSend, type FakeMailerSend } from '../support/fake-mailersend.js';
import { type MockGoogle, startMockGoogle } from '../support/mock-google.js';
import { spawnServe, startServeProcess } from '../support/serve-process.js';

// `zdl serve` as deployed (the compiled CLI: `npm run build` first): it refuses to start when real
// e-mails would carry dead links (src/mail/live-mail.ts), and says what it serves when it starts.

const t = useTestDatabase();
let fake: FakeMailerSend;
let google: MockGoogle;
beforeAll(async () => {
  fake = await startFakeMailerSend();
  google = await startMockGoogle();
});
afterAll(async () => {
  await fake.close();
  await google.stop();
});

const SAFE = { ZDL_PUBLIC_URL: 'https://acces.zdl.org', ZDL_MAIL_FROM: 'ZDL <acces@zdl.org>' };
const REAL_MAILERSEND = { MAILERSEND_API_KEY: 'mlsn.vraie-cle' };
const PRODUCTION = { NODE_ENV: 'production', MAILERSEND_API_KEY: 'mlsn.cle' };

/** The exit code of a `zdl serve` expected to refuse; a server that starts instead is killed. */
async function refusedStart(env: Record<string, string>) {
  const spawned = spawnServe(t, env);
  const started = await Promise.race([
    spawned.url.then(
      () => true,
      () => false,
    ),
    spawned.exited.then(() => false),
  ]);
  if (started) spawned.child.kill('SIGKILL');
  return { started, code: await spawned.exited, stderr: spawned.output.stderr };
}

describe('zdl serve refuses to start when real e-mails would carry dead links', () => {
  const cases: [string, Record<string, string>, string][] = [
    [
      'MailerSend and the default localhost URL',
      { ...REAL_MAILERSEND, ZDL_MAIL_FROM: SAFE.ZDL_MAIL_FROM },
      'http://localhost:3000 désigne cette machine',
    ],
    [
      'MailerSend and a loopback IP',
      { ...REAL_MAILERSEND, ...SAFE, ZDL_PUBLIC_URL: 'https://127.0.0.1:8443' },
      'désigne cette machine',
    ],
    [
      'MailerSend and a .invalid URL',
      { ...REAL_MAILERSEND, ...SAFE, ZDL_PUBLIC_URL: 'https://acces.zdl.invalid' },
      '(.invalid)',
    ],
    [
      'MailerSend and a .test URL',
      { ...REAL_MAILERSEND, ...SAFE, ZDL_PUBLIC_URL: 'https://acces.zdl.test' },
      '(.test)',
    ],
    [
      'MailerSend and a .localhost URL',
      { ...REAL_MAILERSEND, ...SAFE, ZDL_PUBLIC_URL: 'https://zdl.localhost' },
      'désigne cette machine',
    ],
    [
      'MailerSend and a .example URL',
      { ...REAL_MAILERSEND, ...SAFE, ZDL_PUBLIC_URL: 'https://acces.zdl.example' },
      '(.example)',
    ],
    [
      'MailerSend and http on a public host',
      { ...REAL_MAILERSEND, ...SAFE, ZDL_PUBLIC_URL: 'http://acces.zdl.org' },
      'doivent être en https',
    ],
    [
      'MailerSend and the default sender',
      { ...REAL_MAILERSEND, ZDL_PUBLIC_URL: SAFE.ZDL_PUBLIC_URL },
      'ZDL_MAIL_FROM : acces@zdl.invalid',
    ],
    [
      'production and a .test URL',
      { ...PRODUCTION, ...SAFE, ZDL_PUBLIC_URL: 'https://acces.zdl.test', MAILERSEND_API_URL: 'http://127.0.0.1:9/v1' },
      'NODE_ENV=production',
    ],
    [
      'production and a reserved sender',
      { ...PRODUCTION, ...SAFE, ZDL_MAIL_FROM: 'acces@zdl.example', MAILERSEND_API_URL: 'http://127.0.0.1:9/v1' },
      'ZDL_MAIL_FROM : acces@zdl.example',
    ],
  ];
  for (const [what, env, says] of cases) {
    test(what, async () => {
      const result = await refusedStart(env);
      expect(result.started, result.stderr).toBe(false);
      expect(result.code).toBe(2);
      expect(result.stderr).toContain(says);
      expect(result.stderr).toContain('ZDL_PUBLIC_URL');
    });
  }

  test('a lab on a local network starts with ZDL_ALLOW_INSECURE_PUBLIC_URL=true', async () => {
    const lab = { ...REAL_MAILERSEND, ...SAFE, ZDL_PUBLIC_URL: 'http://192.168.1.20:3000' };
    expect((await refusedStart(lab)).code).toBe(2);
    const result = await refusedStart({ ...lab, ZDL_ALLOW_INSECURE_PUBLIC_URL: 'true' });
    expect(result.started, result.stderr).toBe(true);
  });
});

describe('zdl serve says what it serves', () => {
  test('the local outbox, the database, Google off, no proxy: one line each', async () => {
    const server = await startServeProcess(t);
    try {
      const lines = server.output.stderr.split('\n');
      expect(lines).toContain(`URL publique (liens des e-mails) : ${server.origin}`);
      const database =
        testDatabaseKind === 'embedded'
          ? `Base de données : intégrée, ${t.env.ZDL_DATA_DIR}`
          : /^Base de données : serveur PostgreSQL [^\s:]+:\d+\/\S+$/;
      expect(
        lines.some((line) => (typeof database === 'string' ? line.startsWith(database) : database.test(line))),
      ).toBe(true);
      expect(lines).toContain(`E-mails : boîte locale ${server.outbox} (aucun e-mail réel)`);
      expect(lines).toContain('Google : désactivé');
      expect(lines).toContain(
        'Proxy de confiance (ZDL_TRUST_PROXY) : non, l’adresse du client est celle de la connexion',
      );
    } finally {
      expect(await server.stop()).toBe(0);
    }
  });

  test('MailerSend and its sender, Google on, a trusted proxy', async () => {
    const server = await startServeProcess(t, {
      env: {
        MAILERSEND_API_KEY: 'mlsn.test',
        MAILERSEND_API_URL: fake.url,
        ZDL_MAIL_FROM: 'Accès ZDL <acces@zdl.org>',
        ZDL_GOOGLE_CLIENT_ID: 'zdl',
        ZDL_GOOGLE_CLIENT_SECRET: 'secret',
        ZDL_GOOGLE_ISSUER: google.issuer,
        ZDL_TRUST_PROXY: 'true',
      },
    });
    try {
      const lines = server.output.stderr.split('\n');
      expect(lines).toContain(
        `E-mails : MailerSend (${fake.url}), expéditeur Accès ZDL <acces@zdl.org> — aucun e-mail réel`,
      );
      expect(lines).toContain(`Google : activé (${google.issuer})`);
      expect(lines).toContain('Proxy de confiance (ZDL_TRUST_PROXY) : oui, X-Forwarded-For est lu');
    } finally {
      expect(await server.stop()).toBe(0);
    }
  });
});

import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { runCli } from '../support/cli.js';
import { useTestDatabase } from '../support/database.js';
import { findClosedPortUrl, startFakeMailerSend, type FakeMailerSend } from '../support/fake-mailersend.js';
import { type MockGoogle, startMockGoogle } from '../support/mock-google.js';

// zdl doctor's three levels (✓ ⚠ ✗), its exit code (the worst; --strict counts ⚠) and the
// deployment checks: MailerSend's key asked without sending, Google's discovery, the public URL.

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

type Report = { ok: boolean; level: string; checks: { name: string; level: string; ok: boolean; detail: string }[] };
const doctor = async (env: Record<string, string>, ...flags: string[]) => {
  const base = { ...t.env, ZDL_MAIL_OUTBOX: path.join(t.dir, 'outbox'), ZDL_ADMIN: 'Léa' };
  const result = await runCli(['doctor', '--json', ...flags], { env: { ...base, ...env }, cwd: t.dir });
  const report = JSON.parse(result.stdout) as Report;
  const check = (name: string) => report.checks.find((c) => c.name === name)!;
  return { code: result.code, report, check, levels: Object.fromEntries(report.checks.map((c) => [c.name, c.level])) };
};
const PRODUCTION_READY = {
  ZDL_PUBLIC_URL: 'https://acces.zdl.org',
  ZDL_MAIL_FROM: 'ZDL <acces@zdl.org>',
  ZDL_TRUST_PROXY: 'true',
  ZDL_APP_URL: 'https://app.zdl.org',
  ZDL_CONTACT: 'le secrétariat, 01 23 45 67 89',
};

describe('zdl doctor', () => {
  test('a fresh install works with warnings: exit 0, and 1 with --strict', async () => {
    const fresh = await doctor({});
    expect(fresh.code).toBe(0);
    expect(fresh.report).toMatchObject({ ok: true, level: 'warn' });
    expect(fresh.levels).toMatchObject({
      public_url: 'warn',
      sender: 'warn',
      app_url: 'warn',
      contact: 'warn',
      database: 'ok',
    });
    expect(fresh.check('public_url')).toMatchObject({ ok: true });
    expect((await doctor({}, '--strict')).code).toBe(1);
    const human = await runCli(['doctor'], {
      env: { ...t.env, ZDL_MAIL_OUTBOX: path.join(t.dir, 'outbox') },
      cwd: t.dir,
    });
    expect(human.stdout).toMatch(/^⚠ public_url : http:\/\/localhost:3000 désigne cette machine/m);
    expect(human.stdout).toMatch(/^⚠ sender : acces@zdl\.invalid/m);
    expect(human.stdout).toMatch(/^✓ database/m);
  });

  test('a production-ready setup is all ✓, and the MailerSend key is checked without sending', async () => {
    const ready = await doctor(
      { ...PRODUCTION_READY, MAILERSEND_API_KEY: 'mlsn.cle', MAILERSEND_API_URL: fake.url },
      '--strict',
    );
    expect(ready.report.checks.filter((c) => c.level !== 'ok')).toEqual([]);
    expect(ready.code).toBe(0);
    expect(ready.check('mailersend_key').detail).toBe(
      'clé acceptée par MailerSend : 2990/3000 requêtes restantes aujourd’hui',
    );
    expect(fake.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['GET /v1/api-quota']);
    expect(fake.requests[0]?.headers.authorization).toBe('Bearer mlsn.cle');
  });

  test('a key MailerSend refuses, or MailerSend unreachable, is ✗, exit 1', async () => {
    fake.respondWith([{ status: 401, body: { message: 'Unauthenticated.' } }]);
    const refused = await doctor({
      ...PRODUCTION_READY,
      MAILERSEND_API_KEY: 'mlsn.fausse',
      MAILERSEND_API_URL: fake.url,
    });
    expect(refused.code).toBe(1);
    expect(refused.check('mailersend_key')).toMatchObject({ level: 'error', ok: false });
    expect(refused.check('mailersend_key').detail).toContain('MailerSend refuse la clé (401)');
    const closed = await doctor({
      ...PRODUCTION_READY,
      MAILERSEND_API_KEY: 'k',
      MAILERSEND_API_URL: await findClosedPortUrl(),
    });
    expect(closed.levels.mailersend_key).toBe('error');
  });

  test('real e-mails with a localhost URL and the default sender are ✗ (zdl serve would refuse)', async () => {
    const live = await doctor({ NODE_ENV: 'production', MAILERSEND_API_KEY: 'k', MAILERSEND_API_URL: fake.url });
    expect(live.code).toBe(1);
    expect(live.levels).toMatchObject({ public_url: 'error', sender: 'error' });
    expect(live.check('public_url').detail).toContain('NODE_ENV=production');
    const lab = await doctor({
      ...PRODUCTION_READY,
      ZDL_PUBLIC_URL: 'http://192.168.1.20:3000',
      ZDL_ALLOW_INSECURE_PUBLIC_URL: 'true',
    });
    expect(lab.levels.public_url).toBe('warn');
  });

  test('Google: discovery reachable is ✓, an issuer that does not answer is ✗', async () => {
    const googleEnv = { ZDL_GOOGLE_CLIENT_ID: 'zdl', ZDL_GOOGLE_CLIENT_SECRET: 'secret' };
    const up = await doctor({ ...googleEnv, ZDL_GOOGLE_ISSUER: google.issuer });
    expect(up.check('google')).toMatchObject({
      level: 'ok',
      detail: `activé (${google.issuer}), découverte OpenID joignable`,
    });
    const down = await doctor({ ...googleEnv, ZDL_GOOGLE_ISSUER: (await findClosedPortUrl()).replace('/v1', '') });
    expect(down.code).toBe(1);
    expect(down.check('google').level).toBe('error');
  });

  test('ZDL_TRUST_PROXY must match what the public URL says of a proxy', async () => {
    expect((await doctor({ ZDL_TRUST_PROXY: 'true' })).check('trust_proxy').detail).toContain('peut être inventé');
    const behindProxy = await doctor({ ...PRODUCTION_READY, ZDL_TRUST_PROXY: 'false' });
    expect(behindProxy.levels.trust_proxy).toBe('warn');
    expect(behindProxy.check('trust_proxy').detail).toContain('mettez ZDL_TRUST_PROXY=true');
  });

  test('phone numbers kept as typed (not readable as E.164) are ⚠, naming how to fix them', async () => {
    expect((await doctor(PRODUCTION_READY)).levels.phones).toBe('ok');
    await t.db.transaction(
      (tx) => tx`insert into zdl.personnes (nom, prenom, telephone1) values ('Ancien', 'Numéro', 'poste 12')`,
    );
    const { check, code } = await doctor(PRODUCTION_READY);
    expect(check('phones')).toMatchObject({ level: 'warn', ok: true });
    expect(check('phones').detail).toContain('1 numéro(s) de téléphone non reconnu(s)');
    expect(code).toBe(0);
    await t.db.transaction((tx) => tx`delete from zdl.personnes where nom = 'Ancien'`);
  });
});

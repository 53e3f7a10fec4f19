import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import argon2 from 'argon2';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { toCanonicalPhc } from '../../src/auth/password-hash.js';
import { createAppRole, type AppRole } from '../support/app-role.js';
import { runCli } from '../support/cli.js';
import { useTestDatabase } from '../support/database.js';
import { makeApp, postForm, PUBLIC_URL, type TestApp, uniqueEmail } from '../support/http.js';
import { createMockGoogleActivation, startMockGoogle, type MockGoogle } from '../support/mock-google.js';
import { DEBIAN_PYTHON, verifyWithArgon2Cffi } from '../support/real-verifiers.js';

// The two examples of docs/sign-in.md, run as the association's application would run them: on
// the real PostgreSQL server, over the least-privilege login `zdl db grant-app` prepared, against
// accounts that zdl's own pages activated (by password and with Google) and its CLI revoked.
const t = useTestDatabase();
const EXAMPLES = fileURLToPath(new URL('../../examples/', import.meta.url));
const PASSWORD = 'Crème brûlée à l’été, près du lac'; // non-ASCII: NFC and NFD differ
let h: TestApp;
let mock: MockGoogle;
let app: AppRole;
const cli = (...argv: string[]) => runCli(argv, { env: t.env, cwd: t.dir });

interface Activated {
  personId: number;
  email: string;
}

/** An admin adds the person with an invitation (CLI); the person activates it on the page. */
async function invite(prenom: string, role = 'bénévole', email?: string) {
  const added = await cli(
    'persons',
    'add',
    '--nom',
    'Exemple',
    '--prenom',
    prenom,
    '--role',
    role,
    ...(email ? ['--email', email] : []),
    '--invite',
    '--json',
  );
  expect(added.code).toBe(0);
  const { person, invite } = JSON.parse(added.stdout);
  return { personId: person.id as number, code: invite.code as string };
}

async function activateWithPassword(prenom: string, email: string, role?: string): Promise<Activated> {
  // The address the invitation was sent to: activated at once (a pending one: sign-in-pending).
  const { personId, code } = await invite(prenom, role, email);
  const page = await postForm(h.app, '/activate', {
    code,
    mode: 'password',
    email,
    password: PASSWORD,
    password_confirm: PASSWORD,
  });
  expect(await page.text()).toContain('Votre accès est activé');
  return { personId, email };
}

async function activateWithGoogle(prenom: string, sub: string, email: string): Promise<Activated> {
  const { personId, code } = await invite(prenom);
  mock.setIdentity({ sub, email, email_verified: true });
  const start = await postForm(h.app, '/activate', { code, mode: 'google' });
  const cookie = start.headers.get('set-cookie')!.split(';')[0]!;
  const back = new URL((await fetch(start.headers.get('location')!, { redirect: 'manual' })).headers.get('location')!);
  const done = await h.app.request(back.pathname + back.search, { headers: { cookie } });
  expect(await done.text()).toContain('Votre accès est activé');
  return { personId, email };
}

type Request = { email: string; password: string } | { google_sub: string };
type Answer = { id: number; nom: string; prenom: string; role: string; role_label: string; email: string } | null;

const RUNNERS = {
  python: [DEBIAN_PYTHON, `${EXAMPLES}python/sign_in.py`],
  node: [process.execPath, `${EXAMPLES}node/sign-in.mjs`],
} as const;

async function signIn(runner: keyof typeof RUNNERS, requests: Request[]): Promise<Answer[]> {
  const [file, script] = RUNNERS[runner];
  const run = promisify(execFile)(file, [script], {
    encoding: 'utf8',
    cwd: t.dir,
    env: { PATH: '/usr/bin:/bin', LANG: 'C.UTF-8', DATABASE_URL: app.url },
  });
  run.child.stdin!.end(JSON.stringify(requests));
  return JSON.parse((await run).stdout);
}

const hashOf = async (personId: number): Promise<string> =>
  (await t.db.transaction((tx) => tx`select password_hash from zdl.accounts where personne_id = ${personId}`))[0]!
    .password_hash;

let zoe: Activated;
let remi: Activated;
let google: Activated;

beforeAll(async () => {
  mock = await startMockGoogle();
  h = makeApp(t, { google: await createMockGoogleActivation(mock, PUBLIC_URL) });
  zoe = await activateWithPassword('Zoé', uniqueEmail('Zoe.Mixte'), 'employé');
  remi = await activateWithPassword('Rémi', uniqueEmail('remi'));
  google = await activateWithGoogle('Gaëlle', `google-sub-${process.pid}`, uniqueEmail('gaelle'));
  app = await createAppRole(t.env.DATABASE_URL!);
  const granted = await cli('db', 'grant-app', app.name);
  expect(granted.code).toBe(0);
});
afterAll(async () => {
  await app?.drop();
  await h?.app.settle();
  await mock?.stop();
});

test('the stored hashes are canonical, and argon2-cffi verifies them', async () => {
  const hash = await hashOf(zoe.personId);
  expect(hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
  expect(await verifyWithArgon2Cffi([{ hash, password: PASSWORD }])).toEqual([{ ok: true, rehash: false }]);
});

describe.each(Object.keys(RUNNERS) as (keyof typeof RUNNERS)[])('examples/%s', (runner) => {
  test('right, wrong, NFD-typed, upper-case, unknown, Google-only', async () => {
    const answers = await signIn(runner, [
      { email: zoe.email, password: PASSWORD },
      { email: zoe.email, password: 'Creme brulee a l’ete, pres du lac' },
      { email: zoe.email, password: PASSWORD.normalize('NFD') },
      { email: zoe.email.toUpperCase(), password: PASSWORD },
      { email: ` ${zoe.email.toLowerCase()} `, password: PASSWORD },
      { email: uniqueEmail('inconnu'), password: PASSWORD },
      { email: google.email, password: PASSWORD },
      { email: google.email, password: '' },
      { google_sub: `google-sub-${process.pid}` },
      { google_sub: 'google-sub-someone-else' },
    ]);
    const zoeAnswer = {
      id: zoe.personId,
      nom: 'Exemple',
      prenom: 'Zoé',
      role: 'employe',
      role_label: 'employé',
      email: zoe.email,
    };
    expect(PASSWORD.normalize('NFD')).not.toBe(PASSWORD);
    expect(answers).toEqual([
      zoeAnswer,
      null,
      zoeAnswer,
      zoeAnswer,
      zoeAnswer,
      null,
      null,
      null,
      {
        id: google.personId,
        nom: 'Exemple',
        prenom: 'Gaëlle',
        role: 'benevole',
        role_label: 'bénévole',
        email: google.email,
      },
      null,
    ]);
  });

  test('revoked: refused even with the right password; restored: signs in again', async () => {
    expect((await cli('access', 'revoke', String(remi.personId), '--yes')).code).toBe(0);
    expect(await signIn(runner, [{ email: remi.email, password: PASSWORD }])).toEqual([null]);
    expect((await cli('access', 'restore', String(remi.personId))).code).toBe(0);
    expect(await signIn(runner, [{ email: remi.email, password: PASSWORD }])).toMatchObject([{ id: remi.personId }]);
  });

  test('a hash made with older parameters is upgraded on sign-in, canonical, through zdl.rehash_password', async () => {
    const older = toCanonicalPhc(
      await argon2.hash(PASSWORD, { type: argon2.argon2id, memoryCost: 19_456, timeCost: 1, parallelism: 1 }),
    );
    await t.db.transaction(
      (tx) => tx`update zdl.accounts set password_hash = ${older} where personne_id = ${remi.personId}`,
    );
    expect(await signIn(runner, [{ email: remi.email, password: PASSWORD }])).toMatchObject([{ id: remi.personId }]);
    const upgraded = await hashOf(remi.personId);
    expect(upgraded).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(await verifyWithArgon2Cffi([{ hash: upgraded, password: PASSWORD }])).toEqual([{ ok: true, rehash: false }]);
  });
});

import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import postgres from 'postgres';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { type AppRole, createAppRole } from '../support/app-role.js';
import { runCli } from '../support/cli.js';
import { useTestDatabase } from '../support/database.js';
import { confirmWithCode } from '../support/email-confirmation.js';
import { GOOD_PASSWORD, invitePerson, makeApp, postForm, type TestApp, uniqueEmail } from '../support/http.js';
import { DEBIAN_PYTHON } from '../support/real-verifiers.js';

// An activation waiting for its address's confirmation is invisible to the association's
// application: its row is not in zdl.accounts, the role `zdl db grant-app` prepared cannot read
// zdl.pending_activations, and both sign-in examples refuse the typed address and password.
const t = useTestDatabase();
const EXAMPLES = fileURLToPath(new URL('../../examples/', import.meta.url));
const RUNNERS = [
  [DEBIAN_PYTHON, `${EXAMPLES}python/sign_in.py`],
  [process.execPath, `${EXAMPLES}node/sign-in.mjs`],
] as const;
let h: TestApp;
let app: AppRole;

async function signIn(email: string): Promise<unknown[]> {
  const answers = [];
  for (const [file, script] of RUNNERS) {
    const run = promisify(execFile)(file, [script], {
      encoding: 'utf8',
      cwd: t.dir,
      env: { PATH: '/usr/bin:/bin', LANG: 'C.UTF-8', DATABASE_URL: app.url },
    });
    run.child.stdin!.end(JSON.stringify([{ email, password: GOOD_PASSWORD }]));
    answers.push(...JSON.parse((await run).stdout));
  }
  return answers;
}

beforeAll(async () => {
  h = makeApp(t);
  app = await createAppRole(t.env.DATABASE_URL!);
  expect((await runCli(['db', 'grant-app', app.name], { env: t.env, cwd: t.dir })).code).toBe(0);
});
afterAll(async () => {
  await app?.drop();
  await h?.app.settle();
});

test('a pending activation cannot sign in, nor be read by the application; once confirmed it signs in', async () => {
  const invited = await invitePerson(t.db, h.clock(), { email: uniqueEmail('fichier') });
  const typed = uniqueEmail('tapee');
  const fields = { code: invited.code, mode: 'password', email: typed, password: GOOD_PASSWORD };
  const pending = await postForm(h.app, '/activate', { ...fields, password_confirm: GOOD_PASSWORD });
  const page = await pending.text();
  expect(page).toContain('Confirmez votre adresse e-mail');

  expect(await signIn(typed)).toEqual([null, null]);
  const sql = postgres(app.url, { max: 1, onnotice: () => {} });
  try {
    expect(await sql`select 1 from zdl.sign_in_accounts where lower(email) = lower(${typed})`).toHaveLength(0);
    await expect(sql`select * from zdl.pending_activations`).rejects.toMatchObject({ code: '42501' });
  } finally {
    await sql.end();
  }

  expect((await confirmWithCode(h.app, page, h.outbox, typed)).status).toBe(200);
  expect(await signIn(typed)).toMatchObject([{ id: invited.personId }, { id: invited.personId }]);
});

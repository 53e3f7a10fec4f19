import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import postgres from 'postgres';
import { createAppRole, type AppRole } from '../support/app-role.js';
import { runCli } from '../support/cli.js';
import { useTestDatabase } from '../support/database.js';

// `zdl db grant-app` on a real server: the application's role reads the sign-in view and calls
// the re-hash function, and nothing else in zdl.
const t = useTestDatabase();
let role: AppRole;
const cli = (...argv: string[]) => runCli(argv, { env: t.env, cwd: t.dir });

beforeAll(async () => {
  role = await createAppRole(t.env.DATABASE_URL!);
});
afterAll(() => role.drop());

/** Runs one statement as the application's role, over its own login. */
async function asApp(text: string): Promise<{ ok: true } | { ok: false; code: string }> {
  const sql = postgres(role.url, { max: 1, onnotice: () => {} });
  try {
    await sql.unsafe(text);
    return { ok: true };
  } catch (error) {
    return { ok: false, code: (error as { code: string }).code };
  } finally {
    await sql.end();
  }
}

const DENIED = { ok: false, code: '42501' };

describe('zdl db grant-app', () => {
  test('before the grant, the role sees nothing', async () => {
    expect(await asApp('select * from zdl.sign_in_accounts')).toEqual(DENIED);
  });

  test('grants USAGE, SELECT on the view and EXECUTE on the re-hash function; a second run changes nothing', async () => {
    const first = await cli('db', 'grant-app', role.name, '--json');
    expect(first.code).toBe(0);
    const privileges = [
      'USAGE on schema zdl',
      'SELECT on zdl.sign_in_accounts',
      'EXECUTE on zdl.rehash_password(integer, text, text)',
    ];
    expect(JSON.parse(first.stdout)).toEqual({
      role: role.name,
      granted: privileges,
      privileges,
      superuser: false,
      beyond: [],
    });
    expect(first.stderr).toContain(`Accès de connexion accordé au rôle « ${role.name} »`);

    const second = await cli('db', 'grant-app', role.name, '--json');
    expect(second.code).toBe(0);
    expect(JSON.parse(second.stdout)).toMatchObject({ granted: [], privileges });
    expect(second.stderr).toContain('avait déjà');
  });

  test('the role reads the view and calls the function, and touches nothing else', async () => {
    expect(await asApp('select person_id, email, password_hash, active from zdl.sign_in_accounts')).toEqual({
      ok: true,
    });
    expect(await asApp(`select zdl.rehash_password(0, 'a', 'b')`)).toEqual({ ok: true });
    for (const table of ['accounts', 'personnes', 'user_invites', 'password_resets', 'audit_log', 'email_log']) {
      expect(await asApp(`select 1 from zdl.${table} limit 1`)).toEqual(DENIED);
    }
    expect(await asApp(`update zdl.accounts set password_hash = null`)).toEqual(DENIED);
    expect(await asApp(`delete from zdl.accounts`)).toEqual(DENIED);
    expect(await asApp(`delete from zdl.sign_in_accounts`)).toMatchObject({ ok: false }); // a join: not updatable
    expect(await asApp(`create table zdl.intrus (id int)`)).toEqual(DENIED);
  });

  test('four at once on a new role all succeed, one of them grants', async () => {
    const fresh = await createAppRole(t.env.DATABASE_URL!);
    try {
      const runs = await Promise.all([1, 2, 3, 4].map(() => cli('db', 'grant-app', fresh.name, '--json')));
      expect(runs.map((run) => run.code)).toEqual([0, 0, 0, 0]);
      const granted = runs.map((run) => JSON.parse(run.stdout).granted.length).sort();
      expect(granted).toEqual([0, 0, 0, 3]);
    } finally {
      await fresh.drop();
    }
  });

  test('privileges granted by hand beyond the contract are pointed out', async () => {
    await t.db.transaction((tx) => tx`grant select on zdl.audit_log to ${tx(role.name)}`);
    const result = await cli('db', 'grant-app', role.name, '--json');
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout).beyond).toEqual(['zdl.audit_log']);
    expect(result.stderr).toContain(`a aussi des droits sur zdl.audit_log`);
    await t.db.transaction((tx) => tx`revoke all on zdl.audit_log from ${tx(role.name)}`);
    expect(JSON.parse((await cli('db', 'grant-app', role.name, '--json')).stdout).beyond).toEqual([]);
  });

  test('an unknown role is refused, in French, with exit code 3', async () => {
    const result = await cli('db', 'grant-app', 'zdl_no_such_role_x');
    expect(result.code).toBe(3);
    expect(result.stderr).toContain('Le rôle PostgreSQL « zdl_no_such_role_x » n’existe pas'.replace('’', "'"));
    expect(result.stdout).toBe('');
  });

  test('a superuser gets the grant and a warning that it means nothing for it', async () => {
    const result = await cli('db', 'grant-app', 'postgres');
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('superutilisateur');
  });
});

import { createHash } from 'node:crypto';
import { chmodSync, mkdtempSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { isZdlError } from '../../src/errors.js';
import { deriveInviteCodeKey, hashInviteCode } from '../../src/invites/code-keys.js';
import { resolveInviteCodeKeys, secretKeyFilePath } from '../../src/invites/resolve-code-keys.js';
import { runCli } from '../support/cli.js';
import { TEST_SECRET_KEY, testDatabaseKind, useTestDatabase } from '../support/database.js';
import { GOOD_PASSWORD, makeApp, postForm, uniqueEmail } from '../support/http.js';

// Invitation codes (55 bits) are stored as HMAC-SHA-256 under a key outside the database: a dump
// alone gives nothing to brute-force. Rotation keeps live codes working; so does the old SHA-256.

const t = useTestDatabase();
const OTHER_KEY = 'une-autre-cle-secrete-pour-la-rotation-0987';
const cli = (argv: string[], env: Record<string, string | undefined> = {}) =>
  runCli(argv, { env: { ...t.env, ...env }, cwd: t.dir });
const sha256 = (code: string) => createHash('sha256').update(code).digest();

/** The address on file is the one typed at activation: a 200 then means an account (no confirmation step). */
const onFile = new Map<string, string>();

async function issueCode(nom: string, env: Record<string, string | undefined> = {}): Promise<string> {
  const email = uniqueEmail(nom.toLowerCase());
  const result = await cli(
    ['persons', 'add', '--nom', nom, '--prenom', 'Clé', '--email', email, '--invite', '--json'],
    env,
  );
  expect(result.stderr).toBe('');
  const code = JSON.parse(result.stdout).invite.code as string;
  onFile.set(code, email);
  return code;
}

async function storedRow(code: string) {
  const rows = await t.db.transaction(
    (tx) => tx<{ code_hash: Buffer; code_key_id: string | null }[]>`
      select code_hash, code_key_id from zdl.user_invites order by id desc limit 1`,
  );
  expect(rows).toHaveLength(1);
  return { ...rows[0]!, code };
}

async function activate(code: string, env: Record<string, string> = {}) {
  const { app } = makeApp(t, { env });
  const response = await postForm(app, '/activate', {
    code,
    mode: 'password',
    email: onFile.get(code)!,
    password: GOOD_PASSWORD,
    password_confirm: GOOD_PASSWORD,
  });
  if (response.status === 200) expect(await response.clone().text()).toContain('Votre accès est activé');
  return response;
}

describe('invitation codes under a secret key', () => {
  test('the database holds the HMAC under ZDL_SECRET_KEY and its id, never the plain SHA-256', async () => {
    const code = await issueCode('Hachage');
    const row = await storedRow(code);
    const key = deriveInviteCodeKey(TEST_SECRET_KEY);
    expect(row.code_hash).toEqual(hashInviteCode({ current: key, previous: null }, code).hash);
    expect(row.code_hash).not.toEqual(sha256(code));
    expect(row.code_key_id).toBe(key.id);
    expect((await activate(code)).status).toBe(200);
  });

  test('rotation: with the old key as ZDL_SECRET_KEY_PREVIOUS live codes still work, without it they do not', async () => {
    const code = await issueCode('Rotation');
    expect((await activate(code, { ZDL_SECRET_KEY: OTHER_KEY })).status).toBe(422);
    const rotated = { ZDL_SECRET_KEY: OTHER_KEY, ZDL_SECRET_KEY_PREVIOUS: TEST_SECRET_KEY };
    expect((await activate(code, rotated)).status).toBe(200);
    // New codes are hashed with the new key.
    await issueCode('Nouvelle', rotated);
    expect((await storedRow('')).code_key_id).toBe(deriveInviteCodeKey(OTHER_KEY).id);
  });

  test('an invitation of an earlier version (plain SHA-256, no key id) works until it expires', async () => {
    const code = await issueCode('Ancienne');
    await t.db.transaction(
      (tx) => tx`update zdl.user_invites set code_hash = ${sha256(code)}, code_key_id = null
        where id = (select max(id) from zdl.user_invites)`,
    );
    expect((await activate(code)).status).toBe(200);
  });

  test('without ZDL_SECRET_KEY: the embedded database makes a key file, a server refuses (exit 2)', async () => {
    const result = await cli(['persons', 'add', '--nom', 'Sans', '--prenom', 'Clé', '--invite', '--json'], {
      ZDL_SECRET_KEY: undefined,
    });
    if (testDatabaseKind === 'embedded') {
      expect(result.code).toBe(0);
      const file = secretKeyFilePath(t.env.ZDL_DATA_DIR!);
      expect(statSync(file).mode & 0o777).toBe(0o600);
    } else {
      expect(result.code).toBe(2);
      expect(result.stderr).toContain('ZDL_SECRET_KEY manquante');
      expect(result.stdout).toBe('');
      // Commands that hash no code do not need it.
      expect((await cli(['persons', 'list', '--json'], { ZDL_SECRET_KEY: undefined })).code).toBe(0);
      expect(() => makeApp(t, { env: { ZDL_SECRET_KEY: '' } })).toThrow(/ZDL_SECRET_KEY manquante/);
    }
  });
});

describe('the embedded key file', () => {
  const config = (dataDir: string) => ({
    secretKey: { current: undefined, previous: undefined },
    databaseUrl: undefined,
    dataDir,
  });

  test('is created once with mode 0600 and read back the same by the next process', () => {
    const dataDir = path.join(mkdtempSync(path.join(t.dir, 'keyfile-')), '.zdl');
    const first = resolveInviteCodeKeys(config(dataDir));
    expect(statSync(secretKeyFilePath(dataDir)).mode & 0o777).toBe(0o600);
    expect(resolveInviteCodeKeys(config(dataDir)).current.id).toBe(first.current.id);
  });

  test('is refused when others can read it', () => {
    const dataDir = mkdtempSync(path.join(t.dir, 'keyfile-'));
    resolveInviteCodeKeys(config(dataDir));
    chmodSync(secretKeyFilePath(dataDir), 0o644);
    let error: unknown;
    try {
      resolveInviteCodeKeys(config(dataDir));
    } catch (caught) {
      error = caught;
    }
    expect(isZdlError(error) && error.code).toBe('SECRET_KEY_FILE_UNSAFE');
  });
});

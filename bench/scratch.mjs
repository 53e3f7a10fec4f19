// Scratch databases for bench/run.mjs: every bench gets its own, so no bench depends on (or
// crashes on) what another left behind. Embedded: a fresh ZDL_DATA_DIR. Server: a database with
// a random name created on DATABASE_URL's server and dropped afterwards.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import postgres from 'postgres';
import { connectEmbeddedDatabase, connectServer } from '../dist/db/client.js';
import { resolveEmbeddedPaths } from '../dist/db/embedded-host.js';
import { stopIdleHost } from '../dist/db/idle-host-control.js';
import { applyPendingMigrations } from '../dist/db/migrations.js';

/** kind: 'embedded' | 'server'. Returns { env, dir, url, open(), drop() } with the schema migrated. */
export async function createScratch(kind, serverUrl) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'zdl-bench-'));
  const env = {
    ...process.env,
    ZDL_DATA_DIR: path.join(dir, 'data'),
    ZDL_MAIL_OUTBOX: path.join(dir, 'outbox'),
    // Invitation codes are keyed (README, « Invitation codes »); a server refuses to run without it.
    ZDL_SECRET_KEY: randomBytes(32).toString('base64url'),
  };
  delete env.DATABASE_URL;
  let url;
  let admin;
  if (kind === 'server') {
    const name = `zdl_bench_${randomBytes(6).toString('hex')}`;
    admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database ${name}`);
    const parsed = new URL(serverUrl);
    parsed.pathname = `/${name}`;
    url = parsed.toString();
    env.DATABASE_URL = url;
  }
  const open = () =>
    kind === 'server'
      ? connectServer(url, { max: 4 })
      : connectEmbeddedDatabase(resolveEmbeddedPaths(env.ZDL_DATA_DIR));
  const db = open();
  await applyPendingMigrations(db);
  await db.close();
  return {
    kind,
    dir,
    env,
    url,
    open,
    async drop() {
      // The commands' idle host (ZDL_EMBEDDED_IDLE) must not outlive its data directory.
      if (kind === 'embedded') await stopIdleHost(resolveEmbeddedPaths(env.ZDL_DATA_DIR));
      if (admin) {
        await admin.unsafe(`drop database if exists ${new URL(url).pathname.slice(1)} with (force)`);
        await admin.end();
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** `count` persons, each with one live invitation when `invite` is 'live' or an expired one when 'expired'. */
export async function seed(scratch, count, invite) {
  const db = scratch.open();
  try {
    await db.transaction(async (tx) => {
      await tx`insert into zdl.personnes (nom, prenom)
        select 'Banc' || g, 'Essai' from generate_series(1, ${count}) g`;
      if (invite === 'none') return;
      const created = invite === 'live' ? tx`now()` : tx`now() - interval '10 days'`;
      const expires = invite === 'live' ? tx`now() + interval '7 days'` : tx`now() - interval '3 days'`;
      await tx`insert into zdl.user_invites (code_hash, personne_id, created_at, expires_at, created_by)
        select sha256(convert_to('banc' || p.id::text, 'UTF8')), p.id, ${created}, ${expires}, 'cli:bench'
        from zdl.personnes p`;
    });
  } finally {
    await db.close();
  }
}

// `zdl invites purge` of 100 000 expired invitations: time and ratio to a trivial command.
import { baselineMs, scratchEnvironment, timeCommand } from './helpers.mjs';
import { connectEmbeddedDatabase, connectServer } from '../dist/db/client.js';
import { resolveEmbeddedPaths } from '../dist/db/embedded-host.js';

const count = Number(process.env.INVITES ?? 100_000);
const { dir, env, cleanup } = scratchEnvironment();
try {
  const baseline = baselineMs(env, dir);
  const db = env.DATABASE_URL
    ? connectServer(env.DATABASE_URL)
    : connectEmbeddedDatabase(resolveEmbeddedPaths(env.ZDL_DATA_DIR));
  await db.transaction(async (tx) => {
    // One live invitation per person (a unique index says so): one person per expired invitation.
    await tx`insert into zdl.personnes (nom, prenom) select 'Bench' || g, 'Purge' from generate_series(1, ${count}) g`;
    await tx`insert into zdl.user_invites (code_hash, personne_id, created_at, expires_at, created_by)
      select sha256(convert_to('bench' || p.id::text, 'UTF8')), p.id, now() - interval '10 days', now() - interval '3 days', 'cli:bench'
      from zdl.personnes p`;
  });
  await db.close();
  const run = timeCommand(['invites', 'purge', '--json'], env, dir);
  console.log(`baseline (db status)         ${baseline.toFixed(0)} ms`);
  console.log(
    `purge ${JSON.parse(run.stdout).purged} expired invites  ${run.ms.toFixed(0)} ms  ratio ${(run.ms / baseline).toFixed(1)}×`,
  );
} finally {
  cleanup();
}

// Activations per second through `zdl serve` (POST /activate, password mode) against this
// machine's raw argon2id rate at zdl's parameters, and the server's event-loop delay p99 while
// it activates (bench/probe.mjs). Used by bench/run.mjs; pages.mjs keeps the GET throughput.
import { execFileSync, spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { bin, probePath } from './measure.mjs';

// The reference hashes PARALLEL at a time: libuv's 4 threads, on 2 cores, are saturated by 4.
const PARALLEL = Number(process.env.PARALLEL ?? 4);
// A server is measured at saturation too: while some requests wait on the database, others hash.
// 16 volunteers submitting at once is an ordinary onboarding evening.
const CLIENTS = Number(process.env.CLIENTS ?? 16);

function startServe(env, cwd) {
  // BENCH_CPU_PROF=<dir>: a CPU profile of the server during the bench, to see where time goes.
  const profile = process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : [];
  const child = spawn(process.execPath, [...profile, '--import', probePath, bin, 'serve', '--port', '0'], {
    env,
    cwd,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  const url = new Promise((resolve, reject) => {
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
      const match = /http:\/\/127\.0\.0\.1:\d+\//.exec(stderr);
      if (match) resolve(match[0]);
    });
    child.once('exit', (code) => reject(new Error(`zdl serve exited (${code}):\n${stderr}`)));
  });
  const stop = () =>
    new Promise((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once('exit', resolve);
      child.kill('SIGTERM');
    });
  return { child, url, stop };
}

function post(agent, url, headers, body) {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { agent, method: 'POST', headers }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode));
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** CPU ms used so far by every PostgreSQL process of this machine (Linux /proc; null elsewhere). */
function postgresCpuMs() {
  try {
    const ticksPerSecond = Number(execFileSync('getconf', ['CLK_TCK']).toString());
    let ticks = 0;
    for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
      try {
        const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
        if (!stat.includes('(postgres)')) continue;
        const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        ticks += Number(fields[11]) + Number(fields[12]); // utime, stime
      } catch {
        // the process ended meanwhile
      }
    }
    return (ticks * 1000) / ticksPerSecond;
  } catch {
    return null;
  }
}

async function rate(total, concurrency, task) {
  let next = 0;
  const start = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < total) await task(next++);
    }),
  );
  return total / (Number(process.hrtime.bigint() - start) / 1e9);
}

/**
 * Returns { hashRate, activateRate, loopP99Ms } for `count` activations on `scratch`, and where the
 * CPU goes: per hash in the reference, per activation in `zdl serve` (all its threads) and in
 * PostgreSQL's processes (server only).
 */
export async function measureActivations(scratch, count) {
  const { issueInvite } = await import('../dist/invites/issue-invite.js');
  const { hashPassword } = await import('../dist/auth/password-hash.js');
  const { parseConfig } = await import('../dist/config.js');
  const { resolveInviteCodeKeys } = await import('../dist/invites/resolve-code-keys.js');
  const keys = resolveInviteCodeKeys(parseConfig(scratch.env, scratch.dir));
  const db = scratch.open();
  const invitations = [];
  try {
    const ids = await db.transaction(
      // The common case: the invitation went to the address on file, which the person types.
      (tx) => tx`insert into zdl.personnes (nom, prenom, email)
        select 'Banc', 'Activation ' || g, 'banc.' || g || '@exemple.org' from generate_series(1, ${count}) g
        returning id, email`,
    );
    for (const { id, email } of ids) {
      const { code } = await db.transaction((tx) => issueInvite(tx, id, { actor: 'cli:bench', now: new Date(), keys }));
      invitations.push({ code, email });
    }
  } finally {
    await db.close();
  }
  const probe = path.join(scratch.dir, 'serve-probe.json');
  // Behind one trusted proxy, X-Forwarded-For spreads the activations over client addresses as
  // real visitors would, instead of tripping the per-IP limit of one bench address.
  const serve = startServe({ ...scratch.env, ZDL_TRUST_PROXY: '1', ZDL_BENCH_PROBE: probe }, scratch.dir);
  try {
    const url = new URL('activate', await serve.url);
    const password = 'rivière lente sous la pluie';
    await hashPassword(password); // warm-up
    const hashCpu = process.cpuUsage();
    const hashRate = await rate(count, PARALLEL, () => hashPassword(password));
    const { user, system } = process.cpuUsage(hashCpu);
    const hashCpuMs = (user + system) / 1000 / count;
    const postgresBefore = scratch.kind === 'server' ? postgresCpuMs() : null;
    const agent = new http.Agent({ keepAlive: true, maxSockets: CLIENTS });
    serve.child.kill('SIGUSR2'); // the loop-delay histogram covers the activations only
    const activateRate = await rate(count, CLIENTS, async (i) => {
      const body = new URLSearchParams({
        code: invitations[i].code,
        mode: 'password',
        email: invitations[i].email,
        password,
        password_confirm: password,
      }).toString();
      const headers = {
        'Content-Type': 'application/x-www-form-urlencoded',
        'X-Forwarded-For': `10.0.${i >> 8}.${i & 255}`,
      };
      const status = await post(agent, url, headers, body);
      if (status !== 200) throw new Error(`POST /activate → ${status}`);
    });
    agent.destroy();
    const postgresAfter = postgresBefore === null ? null : postgresCpuMs();
    await serve.stop();
    const { loopP99Ms, cpuMs } = JSON.parse(readFileSync(probe, 'utf8'));
    const postgresMs = postgresAfter === null ? null : (postgresAfter - postgresBefore) / count;
    return { hashRate, activateRate, loopP99Ms, hashCpuMs, serveCpuMs: cpuMs / count, postgresCpuMs: postgresMs };
  } finally {
    await serve.stop();
  }
}

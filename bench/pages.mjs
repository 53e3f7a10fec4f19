// User pages: GET /activate throughput of `zdl serve` against a bare node:http server sending the
// same bytes (ratio), and activations per second against this machine's raw argon2 hashing rate
// (ratio). Loopback only, bounded loops. Run after `npm run build`:
//   node bench/pages.mjs            (scratch embedded database; DATABASE_URL for a server)
import { spawn } from 'node:child_process';
import http from 'node:http';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { bin, scratchEnvironment } from './helpers.mjs';

const REQUESTS = Number(process.env.REQUESTS ?? 5_000);
const CONNECTIONS = Number(process.env.CONNECTIONS ?? 16);
const ACTIVATIONS = Number(process.env.ACTIVATIONS ?? 48);
const PARALLEL = Number(process.env.PARALLEL ?? 4);

/** Starts a child process and resolves with the first http://127.0.0.1:port/ it prints. */
function startProcess(args, env, cwd) {
  const child = spawn(process.execPath, args, { env, cwd, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  const url = new Promise((resolve, reject) => {
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
      const match = /http:\/\/127\.0\.0\.1:\d+\//.exec(stderr);
      if (match) resolve(match[0]);
    });
    child.once('exit', (code) => reject(new Error(`exited (${code}) before listening:\n${stderr}`)));
  });
  const stop = () =>
    new Promise((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once('exit', resolve);
      child.kill('SIGTERM');
    });
  return { url, stop };
}

const BARE_SERVER = `
const http = require('node:http');
const body = require('node:fs').readFileSync(process.env.BODY_FILE);
const server = http.createServer((req, res) => {
  res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(body);
});
server.listen(0, '127.0.0.1', () => console.error('http://127.0.0.1:' + server.address().port + '/'));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
`;

function request(agent, url, options = {}, body) {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { agent, ...options }, (res) => {
      const chunks = [];
      res.on('data', (chunk) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode, body: Buffer.concat(chunks).toString() }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** `total` calls of `task(i)` with `concurrency` in flight; returns calls per second. */
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

async function getThroughput(url) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: CONNECTIONS });
  const target = new URL('activate', url);
  const get = async () => {
    const { status } = await request(agent, target);
    if (status !== 200) throw new Error(`GET ${target} → ${status}`);
  };
  await rate(Math.min(500, REQUESTS), CONNECTIONS, get); // warm-up
  const perSecond = await rate(REQUESTS, CONNECTIONS, get);
  agent.destroy();
  return perSecond;
}

const scratch = scratchEnvironment();
// Behind one trusted proxy, X-Forwarded-For spreads the activations over many client addresses,
// as real visitors would be, instead of tripping the per-IP limit of a single bench address.
const env = { ...scratch.env, ZDL_TRUST_PROXY: '1', ZDL_MAIL_OUTBOX: path.join(scratch.dir, 'outbox') };
const zdl = startProcess([bin, 'serve', '--port', '0'], env, scratch.dir);
try {
  const zdlUrl = await zdl.url;
  const page = (await request(undefined, new URL('activate', zdlUrl))).body;
  const bodyFile = path.join(scratch.dir, 'activate.html');
  writeFileSync(bodyFile, page);
  const bare = startProcess(['-e', BARE_SERVER], { ...process.env, BODY_FILE: bodyFile }, scratch.dir);
  const bareRate = await getThroughput(await bare.url);
  await bare.stop();
  const zdlRate = await getThroughput(zdlUrl);
  console.log(
    `GET /activate  node:http ${bareRate.toFixed(0)} req/s  zdl ${zdlRate.toFixed(0)} req/s  ratio ${(zdlRate / bareRate).toFixed(2)}× (${REQUESTS} requests, ${CONNECTIONS} connections)`,
  );

  // Invitations straight through the domain, on the database the server is using.
  const [{ parseConfig }, { openDatabase }, { createPerson }, { parsePersonInput }, { issueInvite }, { hashPassword }] =
    await Promise.all([
      import('../dist/config.js'),
      import('../dist/db/open-database.js'),
      import('../dist/persons/create-person.js'),
      import('../dist/persons/person-input.js'),
      import('../dist/invites/issue-invite.js'),
      import('../dist/auth/password-hash.js'),
    ]);
  const db = await openDatabase(parseConfig(env, scratch.dir));
  const codes = [];
  for (let i = 0; i < ACTIVATIONS; i++) {
    codes.push(
      await db.transaction(async (tx) => {
        const person = await createPerson(tx, parsePersonInput({ nom: 'Banc', prenom: `Essai ${i}` }), {
          actor: 'cli:bench',
          now: new Date(),
        });
        return (await issueInvite(tx, person.id, { actor: 'cli:bench', now: new Date() })).code;
      }),
    );
  }
  await db.close();

  const password = 'rivière lente sous la pluie';
  const hashRate = await rate(ACTIVATIONS, PARALLEL, () => hashPassword(password));
  const agent = new http.Agent({ keepAlive: true, maxSockets: PARALLEL });
  const activateRate = await rate(ACTIVATIONS, PARALLEL, async (i) => {
    const body = new URLSearchParams({
      code: codes[i],
      mode: 'password',
      email: `banc.${i}@exemple.org`,
      password,
      password_confirm: password,
    }).toString();
    const { status } = await request(
      agent,
      new URL('activate', zdlUrl),
      {
        method: 'POST',
        headers: {
          'Content-Type': 'application/x-www-form-urlencoded',
          'X-Forwarded-For': `10.0.${i >> 8}.${i & 255}`,
        },
      },
      body,
    );
    if (status !== 200) throw new Error(`POST /activate → ${status}`);
  });
  agent.destroy();
  console.log(
    `activations    argon2 ${hashRate.toFixed(1)} hashes/s  zdl ${activateRate.toFixed(1)} activations/s  ratio ${(activateRate / hashRate).toFixed(2)}× (${ACTIVATIONS}, ${PARALLEL} in parallel)`,
  );
} finally {
  await zdl.stop();
  scratch.cleanup();
}

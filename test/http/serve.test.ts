import { spawn } from 'node:child_process';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { hashPassword } from '../../src/auth/password-hash.js';
import { BIN } from '../support/cli.js';
import { useTestDatabase } from '../support/database.js';
import { createActiveAccount, readOutbox, uniqueEmail } from '../support/http.js';

// Runs the compiled CLI (`npm run build` first, as `npm test` does) exactly as deployed.
const t = useTestDatabase();

function startServe(env: Record<string, string>) {
  const child = spawn(process.execPath, [BIN, 'serve', '--port', '0', '--host', '127.0.0.1'], {
    cwd: t.dir,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, ...t.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output = { stdout: '', stderr: '' };
  child.stdout.on('data', (chunk: Buffer) => (output.stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output.stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const url = new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no URL on stderr:\n${output.stderr}`)), 30_000);
    child.stderr.on('data', () => {
      const match = /http:\/\/127\.0\.0\.1:\d+\//.exec(output.stderr);
      if (match) {
        clearTimeout(timer);
        resolve(match[0]);
      }
    });
    void exited.then(() => reject(new Error(`exited early:\n${output.stderr}`)));
  });
  url.catch(() => undefined); // a test that never asks for the URL must not leave a rejection behind
  return { child, output, exited, url };
}

describe('zdl serve', () => {
  test('serves the pages, logs on stdout, and on SIGTERM finishes the request in flight and its e-mail, then exits 0', async () => {
    const email = uniqueEmail('serve');
    await createActiveAccount(t.db, new Date(), email, await hashPassword('phrase de passe du test'));
    const outbox = path.join(t.dir, 'serve-outbox');
    const server = startServe({ ZDL_PUBLIC_URL: 'https://acces.zdl.test', ZDL_MAIL_OUTBOX: outbox });
    const base = await server.url;

    const home = await fetch(new URL('/', base));
    expect(home.status).toBe(200);
    expect(home.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(await (await fetch(new URL('/healthz', base))).json()).toEqual({ status: 'ok' });

    // POST /forgot-password takes at least 250 ms: SIGTERM lands while it is in flight.
    const inFlight = fetch(new URL('/forgot-password', base), {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: 'null', 'Sec-Fetch-Site': 'same-origin' },
      body: new URLSearchParams({ email }).toString(),
    });
    await new Promise((resolve) => setTimeout(resolve, 100));
    server.child.kill('SIGTERM');
    const response = await inFlight;
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('Si un compte existe');

    expect(await server.exited).toBe(0);
    expect(server.output.stdout).toMatch(/^GET \/ 200 \d+ms$/m);
    expect(server.output.stdout).toMatch(/^POST \/forgot-password 200 \d+ms$/m);
    expect(server.output.stderr).toContain('SIGTERM reçu');
    expect(server.output.stderr).toContain('Serveur arrêté');
    expect(readOutbox(outbox).map((m) => m.template)).toEqual(['password_reset']);
    await expect(fetch(new URL('/', base))).rejects.toThrow();
  });

  test('a bad --port is a usage error', async () => {
    const bad = spawn(process.execPath, [BIN, 'serve', '--port', 'abc'], { cwd: t.dir, env: { PATH: process.env.PATH, ...t.env } });
    let stderr = '';
    bad.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => bad.once('exit', resolve));
    expect(code).toBe(2);
    expect(stderr).toContain('--port');
  });
});

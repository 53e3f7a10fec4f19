import { spawn } from 'node:child_process';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { hashPassword } from '../../src/auth/password-hash.js';
import { BIN } from '../support/cli.js';
import { useTestDatabase } from '../support/database.js';
import { createActiveAccount, readOutbox, uniqueEmail } from '../support/http.js';
import { spawnServe } from '../support/serve-process.js';

// Runs the compiled CLI (`npm run build` first, as `npm test` does) exactly as deployed.
const t = useTestDatabase();

describe('zdl serve', () => {
  test('serves the pages, logs on stdout, and on SIGTERM finishes the request in flight and its e-mail, then exits 0', async () => {
    const email = uniqueEmail('serve');
    await createActiveAccount(t.db, new Date(), email, await hashPassword('phrase de passe du test'));
    const outbox = path.join(t.dir, 'serve-outbox');
    const server = spawnServe(t, { ZDL_PUBLIC_URL: 'https://acces.zdl.test', ZDL_MAIL_OUTBOX: outbox });
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
    const bad = spawn(process.execPath, [BIN, 'serve', '--port', 'abc'], {
      cwd: t.dir,
      env: { PATH: process.env.PATH, ...t.env },
    });
    let stderr = '';
    bad.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => bad.once('exit', resolve));
    expect(code).toBe(2);
    expect(stderr).toContain('--port');
  });
});

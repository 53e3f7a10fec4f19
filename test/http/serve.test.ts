import { spawn } from 'node:child_process';
import net from 'node:net';
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

  test('SIGTERM while MailerSend hangs: stops within ZDL_SHUTDOWN_GRACE, the e-mail logged as failed', async () => {
    // A MailerSend that accepts the connection and never answers.
    const silent = net.createServer(() => {});
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const port = (silent.address() as net.AddressInfo).port;
    try {
      const email = uniqueEmail('grace');
      await createActiveAccount(t.db, new Date(), email, await hashPassword('phrase de passe du test'));
      const server = spawnServe(t, {
        ZDL_PUBLIC_URL: 'https://acces.zdl.test',
        MAILERSEND_API_KEY: 'mlsn.test',
        MAILERSEND_API_URL: `http://127.0.0.1:${port}/v1`,
        ZDL_SHUTDOWN_GRACE: '2s',
      });
      const base = await server.url;
      const answered = await fetch(new URL('/forgot-password', base), {
        method: 'POST',
        headers: {
          'Content-Type': 'application/x-www-form-urlencoded',
          Origin: 'null',
          'Sec-Fetch-Site': 'same-origin',
        },
        body: new URLSearchParams({ email }).toString(),
      });
      expect(answered.status).toBe(200); // the e-mail leaves after the answer, and hangs
      const stopping = Date.now();
      server.child.kill('SIGTERM');
      expect(await server.exited).toBe(0);
      expect(Date.now() - stopping).toBeLessThan(8_000);
      expect(server.output.stderr).toMatch(/e-mail .* : échec \(abandonné à l’arrêt, après 2 s : ZDL_SHUTDOWN_GRACE\)/);
    } finally {
      silent.close();
    }
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

import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { UNCAUGHT_MARKER } from '../../src/http/process-guard.js';
import { useTestDatabase } from '../support/database.js';
import { sendBody, sendRaw } from '../support/raw-http.js';
import { startServeProcess, type ServeProcess } from '../support/serve-process.js';

// Issue 11: no body of any shape, size, speed or framing may end `zdl serve`. Real processes:
// the compiled CLI serving, Node's http.request and raw sockets as clients. After every test the
// server still answers, and its last line of defence (process-guard.ts) caught nothing: a crash
// hidden by the guard would fail here just as an exit would.
const t = useTestDatabase();
let server: ServeProcess;

const POST_ROUTES = ['/activate', '/forgot-password', '/reset-password'];

beforeAll(async () => {
  // 2 s instead of the 10 s default, so the slow-client tests stay short.
  server = await startServeProcess(t, { env: { ZDL_REQUEST_TIMEOUT: '2s' } });
});

afterAll(async () => {
  expect(await server.stop()).toBe(0);
});

async function expectStillServing(): Promise<void> {
  const health = await fetch(new URL('/healthz', server.origin));
  expect(health.status).toBe(200);
  const form = await fetch(new URL('/forgot-password', server.origin), {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'Sec-Fetch-Site': 'same-origin' },
    body: 'email=personne%40example.org',
  });
  expect(form.status).toBe(200);
  expect(server.output.stderr).not.toContain(UNCAUGHT_MARKER);
  expect(server.output.stderr).not.toContain('Erreur inattendue');
}

describe('zdl serve under hostile bodies', () => {
  test.each(POST_ROUTES)(
    'a chunked body that keeps coming past 16 KiB on %s: 413, and the server lives',
    async (route) => {
      // Back to back (buffered in Node before the app reads), then trickled: the two ways the
      // cancelled web stream used to get its late chunk.
      for (const delayMs of [0, 5]) {
        const outcome = await sendBody(server.origin, route, { chunks: 40, chunkBytes: 1024, delayMs });
        // The 413 is sent with Connection: close; a client still writing may see the reset first.
        if (outcome.status === undefined) expect(outcome.error).toMatch(/EPIPE|ECONNRESET/);
        else expect(outcome.status).toBe(413);
      }
      const big = await sendBody(server.origin, route, { chunks: 1024, chunkBytes: 1024 });
      if (big.status === undefined) expect(big.error).toMatch(/EPIPE|ECONNRESET/);
      else expect(big.status).toBe(413);
      await expectStillServing();
    },
  );

  test('an oversize Content-Length is refused before its body arrives', async () => {
    const outcome = await sendBody(server.origin, '/activate', {
      chunks: 20,
      chunkBytes: 1024,
      delayMs: 20,
      contentLength: 1024 * 1024,
    });
    expect(outcome.status).toBe(413);
    await expectStillServing();
  });

  test('a client that hangs up mid-body is logged as a hang-up, not as a 500', async () => {
    const before = server.output.stderr.length;
    const outcome = await sendBody(server.origin, '/forgot-password', {
      chunks: 10,
      chunkBytes: 1024,
      delayMs: 20,
      hangUpAfter: 4,
    });
    expect(outcome.error).toBe('HUNG_UP');
    await expect.poll(() => server.output.stderr.slice(before), { timeout: 5_000 }).toContain('Client déconnecté');
    expect(server.output.stdout).toMatch(/^POST \/forgot-password 499 \d+ms$/m);
    await expectStillServing();
  });

  test('a body trickling past the request deadline gets 408 and its socket closed', async () => {
    // 1 KiB every 300 ms would take 6 s; the deadline is 2 s (checked every second).
    const outcome = await sendBody(server.origin, '/reset-password', { chunks: 20, chunkBytes: 1024, delayMs: 300 });
    expect(outcome.ms).toBeLessThan(5_000);
    if (outcome.status === undefined) expect(outcome.error).toMatch(/EPIPE|ECONNRESET/);
    else expect(outcome.status).toBe(408);
    await expectStillServing();
  });

  test('headers trickling past the deadline: the socket is closed', async () => {
    const pieces = ['POST /activate HTTP/1.1\r\n', 'Host: 127.0.0.1\r\n', ...Array(20).fill('X-Slow: 1\r\n')];
    const outcome = await sendRaw(server.origin, pieces, { delayMs: 300, waitMs: 8_000 });
    expect(outcome.closed).toBe(true);
    expect(outcome.ms).toBeLessThan(5_000);
    await expectStillServing();
  });

  test('broken chunk framing and a body on a GET are answered without harm', async () => {
    const broken = await sendRaw(
      server.origin,
      [
        'POST /activate HTTP/1.1\r\nHost: 127.0.0.1\r\nSec-Fetch-Site: same-origin\r\n',
        'Content-Type: application/x-www-form-urlencoded\r\nTransfer-Encoding: chunked\r\n\r\n',
        '5\r\na=xyz\r\nzz-not-hex\r\n',
      ],
      { waitMs: 5_000 },
    );
    expect(broken.closed).toBe(true);
    expect(broken.reply).toMatch(/^HTTP\/1\.1 400/);
    const get = await sendRaw(
      server.origin,
      [`GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\nContent-Length: 5\r\n\r\nabcde`],
      { waitMs: 5_000 },
    );
    expect(get.reply).toMatch(/^HTTP\/1\.1 200/);
    await expectStillServing();
  });
});

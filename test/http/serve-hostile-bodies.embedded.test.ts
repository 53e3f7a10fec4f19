import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { UNCAUGHT_MARKER } from '../../src/http/process-guard.js';
import { spawnCli } from '../support/cli.js';
import { seedEmbeddedDataDir, type TestDatabase } from '../support/database.js';
import { sendBody } from '../support/raw-http.js';
import { startServeProcess } from '../support/serve-process.js';

// On the embedded database the first zdl process hosts it for the others: when a request used
// to kill `zdl serve`, it took every admin command's database down with it. Here `zdl serve` is
// the host, is fed the bodies that crashed it, and a CLI process still gets its answers through it.
const scratch = mkdtempSync(path.join(os.tmpdir(), 'zdl-hostile-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

test('zdl serve hosting the embedded database survives oversize chunked bodies, and so does the database', {
  timeout: 90_000,
}, async () => {
  const dataDir = path.join(scratch, 'data');
  await seedEmbeddedDataDir(dataDir);
  const host = { dir: scratch, env: { ZDL_DATA_DIR: dataDir } } as unknown as TestDatabase;
  const server = await startServeProcess(host);
  try {
    for (const route of ['/activate', '/forgot-password', '/reset-password']) {
      for (const delayMs of [0, 5]) {
        const outcome = await sendBody(server.origin, route, { chunks: 40, chunkBytes: 1024, delayMs });
        expect(String(outcome.status ?? outcome.error)).toMatch(/^(413|EPIPE|ECONNRESET)$/);
      }
    }
    const cli = await spawnCli(['persons', 'list', '--json'], { env: server.env, cwd: scratch });
    expect(cli).toMatchObject({ code: 0, stdout: '[]\n' });
    expect((await fetch(new URL('/healthz', server.origin))).status).toBe(200);
    expect(server.output.stderr).not.toContain(UNCAUGHT_MARKER);
  } finally {
    expect(await server.stop()).toBe(0);
  }
});

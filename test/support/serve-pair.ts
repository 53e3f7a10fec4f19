import { mkdtempSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { connectServer, type Database } from '../../src/db/client.js';
import { applyPendingMigrations } from '../../src/db/migrations.js';
import { createServerDatabase, TEST_SECRET_KEY, type TestDatabase } from './database.js';
import { type OutboxMail, PUBLIC_URL, readOutbox } from './http.js';
import { type ServeProcess, startServeProcess } from './serve-process.js';

// Two `zdl serve` processes on one fresh, migrated server database, as behind one reverse proxy:
// the same ZDL_PUBLIC_URL, ZDL_TRUST_PROXY=true, so X-Forwarded-For names the client.

export interface ServePair {
  t: TestDatabase;
  a: ServeProcess;
  b: ServeProcess;
  /** Stops whichever server still runs, closes the test's connection, drops the database. */
  close(): Promise<void>;
}

/** `env` is added to both servers' environment (e.g. the Google variables, shared by both). */
export async function startServePair(env: Record<string, string> = {}): Promise<ServePair> {
  const { url, drop } = await createServerDatabase();
  const db: Database = connectServer(url, { max: 4 });
  await applyPendingMigrations(db);
  const t: TestDatabase = {
    db,
    dir: mkdtempSync(path.join(os.tmpdir(), 'zdl-pair-')),
    env: { DATABASE_URL: url, ZDL_SECRET_KEY: TEST_SECRET_KEY },
  };
  const shared = { ZDL_PUBLIC_URL: PUBLIC_URL, ZDL_TRUST_PROXY: 'true', ...env };
  const [a, b] = await Promise.all([startServeProcess(t, { env: shared }), startServeProcess(t, { env: shared })]);
  return {
    t,
    a,
    b,
    async close() {
      await Promise.all([a.stop(), b.stop()]);
      await db.close();
      await drop();
    },
  };
}

export interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/**
 * One request on a connection of its own (no keep-alive pool to muddle who answered), as the
 * proxy would forward it: X-Forwarded-For names the client, the browser's same-origin header.
 * Rejects when the server refused or dropped the connection without answering.
 */
export function send(
  server: ServeProcess,
  pathname: string,
  options: { ip: string; fields?: Record<string, string>; headers?: Record<string, string> },
): Promise<Answer> {
  const body = options.fields ? new URLSearchParams(options.fields).toString() : undefined;
  return new Promise((resolve, reject) => {
    const request = http.request(
      new URL(pathname, server.origin),
      {
        method: body === undefined ? 'GET' : 'POST',
        agent: false,
        headers: {
          'X-Forwarded-For': options.ip,
          'Sec-Fetch-Site': 'same-origin',
          ...options.headers,
          ...(body === undefined
            ? {}
            : { 'Content-Type': 'application/x-www-form-urlencoded', 'Content-Length': Buffer.byteLength(body) }),
        },
      },
      (response) => {
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (text += chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: text }));
        response.on('error', reject);
      },
    );
    request.on('error', reject);
    request.end(body);
  });
}

/** Waits for an e-mail a server sends in the background to reach its outbox; returns those that match. */
export async function waitForOutbox(
  dir: string,
  match: (mail: OutboxMail) => boolean,
  timeoutMs = 10_000,
): Promise<OutboxMail[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    let mails: OutboxMail[] = [];
    try {
      mails = readOutbox(dir).filter(match);
    } catch {
      // a file caught half-written: read again
    }
    if (mails.length > 0 || Date.now() > deadline) return mails;
    await sleep(50);
  }
}

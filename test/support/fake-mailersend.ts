import { randomBytes } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

// A real HTTP server standing in for api.mailersend.com, so the tests exercise the SDK's actual
// request code (gaxios over fetch) rather than a mocked module.

export interface RecordedRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  /** Parsed JSON, or the raw text when the body is not JSON. */
  body: unknown;
}

export interface FakeResponse {
  status: number;
  headers?: Record<string, string>;
  /** Objects are sent as JSON; omitted means an empty body (what MailerSend's 202 has). */
  body?: unknown;
  /** Wait before answering, to test client timeouts. */
  delayMs?: number;
}

export interface FakeMailerSend {
  /** Base URL to use as MAILERSEND_API_URL, e.g. http://127.0.0.1:PORT/v1. */
  url: string;
  requests: RecordedRequest[];
  /** Queues responses, used in order; once empty, every request gets a 202 with a new message id. */
  respondWith(responses: FakeResponse[]): void;
  close(): Promise<void>;
}

export function generateMessageId(): string {
  return randomBytes(12).toString('hex');
}

function readBody(raw: string): unknown {
  try {
    return JSON.parse(raw);
  } catch {
    return raw;
  }
}

/**
 * MailerSend's answers when none is queued: GET /v1/api-quota (the read-only token check of
 * `zdl doctor`) returns the day's quota; anything else is an e-mail accepted with a new id.
 */
function defaultResponse(method: string, url: string): FakeResponse {
  if (method === 'GET' && url.endsWith('/api-quota')) {
    return { status: 200, body: { quota: 3000, remaining: 2990, reset: '2026-01-02T00:00:00Z' } };
  }
  return { status: 202, headers: { 'x-message-id': generateMessageId() } };
}

export async function startFakeMailerSend(): Promise<FakeMailerSend> {
  const requests: RecordedRequest[] = [];
  const queue: FakeResponse[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      requests.push({
        method: req.method ?? '',
        path: req.url ?? '',
        headers: req.headers,
        body: readBody(Buffer.concat(chunks).toString('utf8')),
      });
      const next = queue.shift() ?? defaultResponse(req.method ?? '', req.url ?? '');
      const answer = () => {
        const headers: Record<string, string> = { ...next.headers };
        let payload = '';
        if (next.body !== undefined) {
          payload = typeof next.body === 'string' ? next.body : JSON.stringify(next.body);
          headers['content-type'] ??= 'application/json';
        }
        res.writeHead(next.status, headers).end(payload);
      };
      if (next.delayMs) setTimeout(answer, next.delayMs).unref();
      else answer();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/v1`,
    requests,
    respondWith(responses) {
      queue.push(...responses);
    },
    close() {
      return new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        // fetch keeps connections alive; without this close() waits for them to time out.
        server.closeAllConnections();
      });
    },
  };
}

/** A base URL where nothing listens: a port that was just free. */
export async function findClosedPortUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}/v1`;
}

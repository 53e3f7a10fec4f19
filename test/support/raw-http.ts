import { request } from 'node:http';
import { connect } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';

// Hostile clients for real `zdl serve` processes: Node's http.request (chunked or with a lying
// Content-Length, fast or slow, hanging up mid-body) and a raw socket for what http.request cannot
// send (slow headers, broken chunk framing). Every loop is bounded in count and time.

export interface RawOutcome {
  /** The status the server answered with, if an answer arrived. */
  status?: number;
  /** The client-side error (EPIPE, ECONNRESET…) when the server closed first. */
  error?: string;
  /** Milliseconds from the first byte sent to the answer or the error. */
  ms: number;
}

export interface BodyPlan {
  chunks: number;
  chunkBytes: number;
  /** Pause between chunks (0: written back to back). */
  delayMs?: number;
  /** Sent as Content-Length; without it the body is chunked (Transfer-Encoding: chunked). */
  contentLength?: number;
  /** Destroy the socket after this many chunks instead of ending the request. */
  hangUpAfter?: number;
}

/** POSTs a form body as planned; resolves with the answer (or the error), never rejects. */
export function sendBody(origin: string, path: string, plan: BodyPlan): Promise<RawOutcome> {
  const url = new URL(path, origin);
  const started = performance.now();
  return new Promise((resolve) => {
    let done = false;
    const finish = (outcome: Omit<RawOutcome, 'ms'>) => {
      if (done) return;
      done = true;
      resolve({ ...outcome, ms: Math.round(performance.now() - started) });
    };
    const headers: Record<string, string> = {
      'Content-Type': 'application/x-www-form-urlencoded',
      'Sec-Fetch-Site': 'same-origin',
    };
    if (plan.contentLength !== undefined) headers['Content-Length'] = String(plan.contentLength);
    const req = request({ host: url.hostname, port: url.port, path: url.pathname, method: 'POST', headers });
    req.on('response', (res) => {
      res.resume();
      finish({ status: res.statusCode });
    });
    req.on('error', (error: NodeJS.ErrnoException) => finish({ error: error.code ?? error.message }));
    void (async () => {
      for (let i = 0; i < plan.chunks && !req.destroyed; i++) {
        if (plan.hangUpAfter !== undefined && i === plan.hangUpAfter) {
          req.destroy();
          finish({ error: 'HUNG_UP' });
          return;
        }
        req.write(`a=${'x'.repeat(plan.chunkBytes - 2)}`);
        if (plan.delayMs) await sleep(plan.delayMs);
      }
      if (!req.destroyed) req.end();
    })();
  });
}

/**
 * Writes `text` on a raw socket (optionally in pieces, `delayMs` apart) and resolves with what the
 * server wrote back once it closes the connection, or after `waitMs`.
 */
export function sendRaw(
  origin: string,
  pieces: string[],
  options: { delayMs?: number; waitMs: number },
): Promise<{ reply: string; closed: boolean; ms: number }> {
  const url = new URL(origin);
  const started = performance.now();
  return new Promise((resolve) => {
    const socket = connect(Number(url.port), url.hostname);
    let reply = '';
    let settled = false;
    const settle = (closed: boolean) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      resolve({ reply, closed, ms: Math.round(performance.now() - started) });
    };
    const timer = setTimeout(() => settle(false), options.waitMs);
    socket.on('data', (chunk) => (reply += chunk.toString('latin1')));
    socket.on('error', () => settle(true));
    socket.on('close', () => settle(true));
    socket.on('connect', async () => {
      for (const piece of pieces) {
        if (settled || socket.destroyed) return;
        socket.write(piece);
        if (options.delayMs) await sleep(options.delayMs);
      }
    });
  });
}

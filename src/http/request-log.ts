import { randomUUID } from 'node:crypto';
import type { H3Event } from 'h3';

// One line per request: method, path, status, duration. The path never carries its query string
// (invitation codes and reset tokens travel there), and nothing from the body is ever logged.

const STARTED_AT = Symbol('zdl.startedAt');
const REQUEST_ID = Symbol('zdl.requestId');

type Timed = { [STARTED_AT]?: number; [REQUEST_ID]?: string };

/** `text`: the human line (default); `json`: one object per line, for journald / Loki. */
export type LogFormat = 'text' | 'json';

export function markRequestStart(event: H3Event): void {
  (event.context as Timed)[STARTED_AT] = performance.now();
  (event.context as Timed)[REQUEST_ID] = randomUUID();
}

/** `zdl serve --log-format json`: time, method, path (no query), status, duration_ms, request_id. */
export function formatRequestJson(event: H3Event, status: number, now = new Date()): string {
  const timed = event.context as Timed;
  const startedAt = timed[STARTED_AT];
  return JSON.stringify({
    time: now.toISOString(),
    method: event.req.method,
    path: event.url.pathname,
    status,
    duration_ms: startedAt === undefined ? null : Math.round((performance.now() - startedAt) * 10) / 10,
    request_id: timed[REQUEST_ID] ?? null,
  });
}

export function formatRequestLine(event: H3Event, status: number): string {
  const startedAt = (event.context as Timed)[STARTED_AT];
  const duration = startedAt === undefined ? '-' : `${Math.round(performance.now() - startedAt)}ms`;
  // Control characters are replaced so that no path can forge a second log line.
  const path = event.url.pathname.replace(/[\u0000-\u001f\u007f\s]/g, '?');
  return `${event.req.method} ${path} ${status} ${duration}`;
}

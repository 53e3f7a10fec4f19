import type { H3Event } from 'h3';

// One line per request: method, path, status, duration. The path never carries its query string
// (invitation codes and reset tokens travel there), and nothing from the body is ever logged.

const STARTED_AT = Symbol('zdl.startedAt');

type Timed = { [STARTED_AT]?: number };

export function markRequestStart(event: H3Event): void {
  (event.context as Timed)[STARTED_AT] = performance.now();
}

export function formatRequestLine(event: H3Event, status: number): string {
  const startedAt = (event.context as Timed)[STARTED_AT];
  const duration = startedAt === undefined ? '-' : `${Math.round(performance.now() - startedAt)}ms`;
  // Control characters are replaced so that no path can forge a second log line.
  const path = event.url.pathname.replace(/[\u0000-\u001f\u007f\s]/g, '?');
  return `${event.req.method} ${path} ${status} ${duration}`;
}

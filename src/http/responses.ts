import { HTTPResponse } from 'h3';
import { renderErrorPage } from './views/error-page.js';

// Every answer is built here as an h3 HTTPResponse: h3 turns it into srvx's Node response, which
// writes a string body straight to the socket (a Web `Response` would go through a stream).
// Security headers are added in one place (app.ts: a middleware for handler answers, onError for
// error pages); a handler may still return a plain `Response` (e.g. a redirect).

/** What handlers answer with: usually one of ours, sometimes a plain Response (a redirect). */
export type Reply = HTTPResponse | Response;

const HTML = 'text/html; charset=utf-8';

export function htmlResponse(status: number, body: string, headers: Record<string, string> = {}): HTTPResponse {
  return new HTTPResponse(body, { status, headers: { 'Content-Type': HTML, ...headers } });
}

export function jsonResponse(status: number, value: unknown): HTTPResponse {
  return new HTTPResponse(JSON.stringify(value), {
    status,
    headers: { 'Content-Type': 'application/json; charset=utf-8' },
  });
}

/** The French error page for `status`, with its default title and message unless given. */
export function errorPageResponse(
  status: number,
  options: { title?: string; message?: string; headers?: Record<string, string> } = {},
): HTTPResponse {
  const { headers, ...text } = options;
  return htmlResponse(status, renderErrorPage(status, text), headers);
}

function fillHeaders(target: Headers, headers: Record<string, string>): void {
  for (const [name, value] of Object.entries(headers)) {
    if (!target.has(name)) target.set(name, value);
  }
}

/**
 * Adds each security header the answer does not set itself (the stylesheet keeps its own
 * Cache-Control). Responses with immutable headers (Response.redirect) are copied first.
 */
export function withSecurityHeaders<T extends Reply>(response: T, headers: Record<string, string>): T {
  try {
    fillHeaders(response.headers, headers);
    return response;
  } catch {
    const copy = new Response((response as Response).body, response as Response);
    fillHeaders(copy.headers, headers);
    return copy as T;
  }
}

export function isReply(value: unknown): value is Reply {
  return value instanceof Response || value instanceof HTTPResponse;
}

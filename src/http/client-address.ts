import type { H3Event } from 'h3';
import { getClientIp } from './security/client-ip.js';

/**
 * The address rate limits count against. The socket address comes from srvx (`req.ip`, with
 * srvx's own proxy trust off) or, for `app.request()` in tests, from `context.clientAddress`;
 * X-Forwarded-For counts only with ZDL_TRUST_PROXY (see security/client-ip.ts).
 */
export function readClientIp(event: H3Event, trustProxy: boolean): string {
  const remoteAddress = event.context.clientAddress ?? event.req.ip;
  return getClientIp({ remoteAddress, forwardedFor: event.req.headers.get('x-forwarded-for') }, trustProxy);
}

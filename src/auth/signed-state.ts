import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';

// A short-lived value the browser carries for us (the Google sign-in state), signed with
// HMAC-SHA-256 so it cannot be forged or altered, and with its own expiry.

export function deriveStateKey(secret: string, purpose: string): Buffer {
  return Buffer.from(hkdfSync('sha256', secret, 'zdl', purpose, 32));
}

function sign(key: Buffer, body: string): string {
  return createHmac('sha256', key).update(body).digest('base64url');
}

export function sealState(payload: object, key: Buffer, expiresAt: Date): string {
  const body = Buffer.from(JSON.stringify({ ...payload, exp: expiresAt.getTime() })).toString('base64url');
  return `${body}.${sign(key, body)}`;
}

/** The payload, or null when the value is missing, forged, altered or expired. */
export function openState<T>(value: string | undefined, key: Buffer, now: Date): T | null {
  if (!value) return null;
  const [body, signature, extra] = value.split('.');
  if (!body || !signature || extra !== undefined) return null;
  const expected = Buffer.from(sign(key, body));
  const actual = Buffer.from(signature);
  if (expected.length !== actual.length || !timingSafeEqual(expected, actual)) return null;
  try {
    const payload = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as T & { exp?: unknown };
    return typeof payload.exp === 'number' && payload.exp > now.getTime() ? payload : null;
  } catch {
    return null;
  }
}

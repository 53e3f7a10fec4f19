import { isIP } from 'node:net';
import ipaddr from 'ipaddr.js';

// Which address to count rate limits against.
// Without a trusted proxy, X-Forwarded-For is whatever the client wrote: only the socket address counts.
// Behind ONE trusted reverse proxy (ZDL_TRUST_PROXY), the proxy appends the address it accepted the
// connection from to the END of X-Forwarded-For; everything to the left of it came from the client and
// can be forged. So we take the right-most entry, never the left-most (h3's getRequestIP takes the
// left-most, which lets anyone pick their own rate-limit bucket). With several proxies in a chain, the
// right-most entry would be the previous proxy: this app supports exactly one.

export interface ClientAddressInput {
  /** The TCP peer address (e.g. Node's socket.remoteAddress). */
  remoteAddress?: string | null | undefined;
  /** The raw X-Forwarded-For header; repeated headers are joined by commas (as Headers#get does). */
  forwardedFor?: string | null | undefined;
}

/** Strips IPv4-mapped IPv6 prefixes, brackets and ports; returns undefined for anything not an IP. */
export function normalizeIp(value: string): string | undefined {
  let candidate = value.trim();
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(candidate);
  if (bracketed) candidate = bracketed[1]!;
  else if (/^\d{1,3}(\.\d{1,3}){3}:\d+$/.test(candidate)) candidate = candidate.slice(0, candidate.lastIndexOf(':'));
  const mapped = /^::ffff:(\d{1,3}(\.\d{1,3}){3})$/i.exec(candidate);
  if (mapped) candidate = mapped[1]!;
  if (isIP(candidate) === 0) return undefined;
  return candidate.toLowerCase();
}

/** The client's IP address, or 'unknown' when none can be determined. */
export function getClientIp(input: ClientAddressInput, trustProxy: boolean): string {
  const socketIp = input.remoteAddress ? normalizeIp(input.remoteAddress) : undefined;
  if (trustProxy && input.forwardedFor) {
    const entries = input.forwardedFor
      .split(',')
      .map((entry) => entry.trim())
      .filter(Boolean);
    const last = entries.at(-1);
    // A malformed last entry means a misconfigured proxy: fall back to the socket (the proxy itself)
    // rather than trusting text that may come from the client.
    const forwarded = last ? normalizeIp(last) : undefined;
    if (forwarded) return forwarded;
  }
  return socketIp ?? 'unknown';
}

/**
 * What a rate limit counts: an IPv4 address, or the /64 an IPv6 address belongs to. One IPv6
 * subscriber or host gets a whole /64 (RFC 6177, RFC 7421: SLAAC and privacy addresses pick
 * their low 64 bits at will), so counting full addresses would give one client 2^64 buckets.
 */
export function rateLimitSubject(ip: string): string {
  if (!ipaddr.IPv6.isValid(ip)) return ip;
  const address = ipaddr.IPv6.parse(ip);
  if (address.isIPv4MappedAddress()) return address.toIPv4Address().toString();
  const prefix = address.parts.slice(0, 4).concat([0, 0, 0, 0]);
  return `${new ipaddr.IPv6(prefix).toString()}/64`;
}

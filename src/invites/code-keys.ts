import { createHash, createHmac, hkdfSync } from 'node:crypto';

// Invitation codes carry 55 bits: a plain hash in a database dump falls to a GPU within days
// (OWASP ASVS 5.0 §6.5.2 wants secrets under 112 bits salted-hashed or otherwise protected).
// They are stored as HMAC-SHA-256 under a key that is not in the database (ZDL_SECRET_KEY, or the
// embedded database's key file), so a dump alone recovers nothing, and lookups stay one indexed
// equality. `code_key_id` records which key hashed a row; null marks the SHA-256 of before.

export interface InviteCodeKey {
  /** Names the key (not secret): 8 hex characters of the derived key's own SHA-256. */
  id: string;
  secret: Buffer;
}

export interface InviteCodeKeys {
  /** Hashes every new code. */
  current: InviteCodeKey;
  /** Still accepted for lookups while its codes live (ZDL_SECRET_KEY_PREVIOUS, key rotation). */
  previous: InviteCodeKey | null;
}

/** The key for invitation codes, derived from the configured secret (HKDF: one purpose, one key). */
export function deriveInviteCodeKey(secret: string): InviteCodeKey {
  const derived = Buffer.from(hkdfSync('sha256', secret, 'zdl', 'invite-code', 32));
  return { id: createHash('sha256').update(derived).digest('hex').slice(0, 8), secret: derived };
}

function hmac(key: InviteCodeKey, normalizedCode: string): Buffer {
  return createHmac('sha256', key.secret).update(normalizedCode).digest();
}

/** What a new invitation stores. */
export function hashInviteCode(keys: InviteCodeKeys, normalizedCode: string): { hash: Buffer; keyId: string } {
  return { hash: hmac(keys.current, normalizedCode), keyId: keys.current.id };
}

/**
 * Every stored form the typed code may have: under the current key, the previous one, and the
 * unkeyed SHA-256 of invitations issued before keyed hashing (they keep working until they expire).
 */
export function inviteCodeLookupHashes(keys: InviteCodeKeys, normalizedCode: string): Buffer[] {
  const hashes = [hmac(keys.current, normalizedCode)];
  if (keys.previous) hashes.push(hmac(keys.previous, normalizedCode));
  hashes.push(createHash('sha256').update(normalizedCode).digest());
  return hashes;
}

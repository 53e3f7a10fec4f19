import { createHash, createHmac, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';

// Reset secrets, Copenhagen Book style: a 256-bit token stored as its SHA-256, and a 6-digit
// code stored as HMAC-SHA-256 keyed by the token, so a stolen table cannot brute-force codes.

export function generateResetToken(): string {
  return randomBytes(32).toString('base64url');
}

export function generateOtp(): string {
  return randomInt(0, 1_000_000).toString().padStart(6, '0');
}

export function hashToken(token: string): Buffer {
  return createHash('sha256').update(token).digest();
}

export function hashOtp(token: string, otp: string): Buffer {
  return createHmac('sha256', token).update(otp).digest();
}

export function otpMatches(token: string, otp: string, expected: Buffer): boolean {
  const actual = hashOtp(token, otp);
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

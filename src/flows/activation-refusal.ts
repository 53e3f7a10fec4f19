import { isZdlError, type ZdlError } from '../errors.js';

// The refusals an activation (by password or Google) can end with: the domain throws them, the
// use cases return them so that the page can map each one (exhaustively) to a status and a field.

const ACTIVATION_REFUSALS = [
  'INVALID_INVITE',
  'ACCESS_REVOKED',
  'ACCOUNT_EMAIL_TAKEN',
  'CONFIRMATION_LIMITED',
  'GOOGLE_ACCOUNT_TAKEN',
  'GOOGLE_CANCELLED',
  'GOOGLE_CLAIMS_MISSING',
  'GOOGLE_FAILED',
  'GOOGLE_EMAIL_UNVERIFIED',
] as const;

export type ActivationRefusalCode = (typeof ACTIVATION_REFUSALS)[number];
export type ActivationRefusal = ZdlError<ActivationRefusalCode>;

export function isActivationRefusal(error: unknown): error is ActivationRefusal {
  return isZdlError(error) && (ACTIVATION_REFUSALS as readonly string[]).includes(error.code);
}

import { z } from 'zod';
import type { ActivationRefusal, ActivationRefusalCode } from '../../flows/activation-refusal.js';
import type { FieldErrors } from '../form.js';
import { emailField, passwordConfirmField, passwordField, text } from '../form-fields.js';

// The activation form at the edge: what was typed, what to show back, and how a refusal from the
// domain maps to a status and a field.

export const codeAndModeSchema = z.object({
  code: text()
    .transform((value) => value.trim())
    .pipe(z.string().min(1, 'Saisissez le code d’invitation reçu par e-mail.')),
  mode: z.enum(['password', 'google'], { error: 'Choisissez comment vous connecter.' }).default('password'),
});

export const credentialsSchema = z.object({
  email: emailField,
  password: passwordField,
  password_confirm: passwordConfirmField,
});

export interface ActivateValues {
  code: string;
  email: string;
  mode: string;
}

/** What the form shows again: never the passwords; long garbage is cut short. */
export function pickActivateValues(fields: Record<string, string>): ActivateValues {
  const cut = (value: string | undefined) => (value ?? '').trim().slice(0, 254);
  return { code: cut(fields.code), email: cut(fields.email), mode: cut(fields.mode) };
}

/**
 * Statuses, by what the person can do about it: 422 for a field to correct (unknown, expired,
 * revoked or used code alike), 409 for an e-mail address or Google account already taken, 429
 * for too many confirmation e-mails (or wrong codes) for one invitation, 403 for revoked access,
 * 400 for a Google round trip that failed. Exhaustive: a new refusal code
 * does not compile until it is placed here.
 */
const REFUSAL_DISPLAY: Record<ActivationRefusalCode, { status: number; field: 'code' | 'email' | 'form' }> = {
  INVALID_INVITE: { status: 422, field: 'code' },
  ACCOUNT_EMAIL_TAKEN: { status: 409, field: 'email' },
  ACCESS_REVOKED: { status: 403, field: 'form' },
  CONFIRMATION_LIMITED: { status: 429, field: 'form' },
  GOOGLE_ACCOUNT_TAKEN: { status: 409, field: 'form' },
  GOOGLE_CANCELLED: { status: 400, field: 'form' },
  GOOGLE_CLAIMS_MISSING: { status: 502, field: 'form' },
  GOOGLE_FAILED: { status: 400, field: 'form' },
  GOOGLE_EMAIL_UNVERIFIED: { status: 400, field: 'form' },
};

export function describeRefusal(refusal: ActivationRefusal): { status: number; errors: FieldErrors } {
  const { status, field } = REFUSAL_DISPLAY[refusal.code];
  return { status, errors: { [field]: refusal.message } };
}

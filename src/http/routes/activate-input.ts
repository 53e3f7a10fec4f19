import { z } from 'zod';
import type { ZdlError } from '../../errors.js';
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
 * revoked or used code alike), 409 for an e-mail address already taken, 403 for revoked access.
 */
export function describeRefusal(error: ZdlError): { status: number; errors: FieldErrors } | undefined {
  switch (error.code) {
    case 'INVALID_INVITE':
      return { status: 422, errors: { code: error.message } };
    case 'EMAIL_TAKEN':
      return { status: 409, errors: { email: error.message } };
    case 'ACCESS_REVOKED':
      return { status: 403, errors: { form: error.message } };
    default:
      return undefined;
  }
}

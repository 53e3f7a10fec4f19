import type { H3Event } from 'h3';
import { z } from 'zod';
import { hashPassword } from '../../auth/password-hash.js';
import { checkPassword } from '../../auth/password-policy.js';
import { completePasswordReset, findLiveReset } from '../../auth/password-reset.js';
import { sendPasswordChangedEmail } from '../../mail/send-account-emails.js';
import type { AppContext } from '../app-context.js';
import { passwordConfirmField, passwordField, text } from '../form-fields.js';
import { parseForm, readForm } from '../form.js';
import { createPostRateLimit } from '../middleware/post-rate-limit.js';
import type { RouteTable } from '../route-table.js';
import { htmlResponse, type Reply } from '../responses.js';
import { renderResetDone } from '../views/reset-done.js';
import { renderResetForm } from '../views/reset-form.js';
import { renderResetInvalid } from '../views/reset-invalid.js';

const resetSchema = z.object({
  // Phones and people add spaces inside a code read aloud: « 123 456 ».
  otp: text()
    .transform((value) => value.replace(/\s+/g, ''))
    .pipe(z.string().regex(/^\d{6}$/, 'Saisissez le code à 6 chiffres reçu dans l’e-mail.')),
  password: passwordField,
  password_confirm: passwordConfirmField,
});

/** Unknown, expired, spent, superseded or exhausted links look the same (no oracle). */
const invalidLink = () => htmlResponse(410, renderResetInvalid());

function attemptsLeftMessage(left: number): string {
  return `Code incorrect. Il vous reste ${left} ${left > 1 ? 'essais' : 'essai'} ; au-delà, il faudra demander un nouveau lien.`;
}

/** GET never consumes anything: mail scanners open links too. */
async function getResetPassword(event: H3Event, ctx: AppContext): Promise<Reply> {
  const token = event.url.searchParams.get('token') ?? '';
  const now = ctx.clock();
  const live = await ctx.db.transaction((tx) => findLiveReset(tx, token, now));
  return live ? htmlResponse(200, renderResetForm({ token, errors: {} })) : invalidLink();
}

async function postResetPassword(event: H3Event, ctx: AppContext): Promise<Reply> {
  const fields = await readForm(event);
  const token = fields.token ?? '';
  const now = ctx.clock();
  const live = await ctx.db.transaction((tx) => findLiveReset(tx, token, now));
  if (!live) return invalidLink();

  // A malformed code or a refused password costs no attempt: only a real guess is counted.
  const parsed = parseForm(resetSchema, fields);
  if (!parsed.ok) return htmlResponse(422, renderResetForm({ token, errors: parsed.errors }));
  const { otp, password, password_confirm: confirm } = parsed.value;
  const check = checkPassword({ password, confirm, email: live.email, nom: live.nom, prenom: live.prenom });
  if (!check.ok) return htmlResponse(422, renderResetForm({ token, errors: { [check.field]: check.reason } }));

  const passwordHash = await hashPassword(password);
  // A wrong code is returned, not thrown: its counted attempt must be committed.
  const outcome = await ctx.db.transaction((tx) =>
    completePasswordReset(tx, { token, otp, passwordHash }, { now: ctx.clock() }),
  );
  if (outcome.status === 'invalid') return invalidLink();
  if (outcome.status === 'wrong_code') {
    if (outcome.attemptsLeft <= 0) return htmlResponse(410, renderResetInvalid({ tooManyAttempts: true }));
    return htmlResponse(422, renderResetForm({ token, errors: { otp: attemptsLeftMessage(outcome.attemptsLeft) } }));
  }
  const changedAt = ctx.clock();
  ctx.tasks.run('e-mail « mot de passe modifié »', () =>
    sendPasswordChangedEmail(ctx.mailer, outcome.account, changedAt),
  );
  return htmlResponse(200, renderResetDone());
}

export function registerResetPasswordRoutes(routes: RouteTable, ctx: AppContext): void {
  routes.add('GET', '/reset-password', (event) => getResetPassword(event, ctx));
  routes.add('POST', '/reset-password', (event) => postResetPassword(event, ctx), [
    createPostRateLimit(ctx, '/reset-password'),
  ]);
}

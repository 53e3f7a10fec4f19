import type { H3Event } from 'h3';
import { z } from 'zod';
import type { DeadResetReason } from '../../auth/dead-reset.js';
import { openResetLink } from '../../flows/open-reset-link.js';
import { resetPassword } from '../../flows/reset-password.js';
import { PAGE_PATHS } from '../../page-paths.js';
import type { AppContext } from '../app-context.js';
import { parseForm, readForm } from '../form.js';
import { passwordConfirmField, passwordField, text } from '../form-fields.js';
import { createPostRateLimit } from '../middleware/post-rate-limit.js';
import { htmlResponse, type Reply } from '../responses.js';
import type { RouteTable } from '../route-table.js';
import { renderResetDone } from '../views/reset-done.js';
import { renderResetForm } from '../views/reset-form.js';
import { renderResetInvalid } from '../views/reset-invalid.js';
import { WEB_ACTOR } from '../web-actor.js';

const resetSchema = z.object({
  // Phones and people add spaces inside a code read aloud: « 123 456 ».
  otp: text()
    .transform((value) => value.replace(/\s+/g, ''))
    .pipe(z.string().regex(/^\d{6}$/, 'Saisissez le code à 6 chiffres reçu dans l’e-mail.')),
  password: passwordField,
  password_confirm: passwordConfirmField,
});

/** A dead link says why: already used, expired, replaced, locked, or (unknown) just dead. */
async function deadLink(ctx: AppContext, token: string, reason?: DeadResetReason): Promise<Reply> {
  const known = reason ?? (await openResetLink(ctx, token));
  const why = typeof known === 'string' ? known : known.status === 'dead' ? known.reason : 'unknown';
  return htmlResponse(410, renderResetInvalid({ reason: why, site: ctx.config }));
}

function attemptsLeftMessage(left: number): string {
  return `Code incorrect. Il vous reste ${left} ${left > 1 ? 'essais' : 'essai'} ; au-delà, il faudra demander un nouveau lien.`;
}

/** GET never consumes anything: mail scanners open links too. */
async function getResetPassword(event: H3Event, ctx: AppContext): Promise<Reply> {
  const token = event.url.searchParams.get('token') ?? '';
  const link = await openResetLink(ctx, token);
  return link.status === 'live'
    ? htmlResponse(200, renderResetForm({ token, errors: {} }))
    : deadLink(ctx, token, link.reason);
}

async function postResetPassword(event: H3Event, ctx: AppContext): Promise<Reply> {
  const fields = await readForm(event);
  const token = fields.token ?? '';
  // A malformed code costs no attempt; a dead link wins over what was typed.
  const parsed = parseForm(resetSchema, fields);
  if (!parsed.ok) {
    const link = await openResetLink(ctx, token);
    return link.status === 'live'
      ? htmlResponse(422, renderResetForm({ token, errors: parsed.errors }))
      : deadLink(ctx, token, link.reason);
  }
  const { otp, password, password_confirm: confirm } = parsed.value;
  const result = await resetPassword(ctx, WEB_ACTOR, { token, otp, password, confirm });
  switch (result.status) {
    case 'invalid':
      return deadLink(ctx, token);
    case 'password_refused':
      return htmlResponse(422, renderResetForm({ token, errors: { [result.field]: result.reason } }));
    case 'wrong_code':
      return htmlResponse(422, renderResetForm({ token, errors: { otp: attemptsLeftMessage(result.attemptsLeft) } }));
    case 'locked':
      return deadLink(ctx, token, 'locked');
    case 'done':
      return htmlResponse(200, renderResetDone(ctx.config));
  }
}

export function registerResetPasswordRoutes(routes: RouteTable, ctx: AppContext): void {
  const path = PAGE_PATHS.resetPassword;
  routes.add('GET', path, (event) => getResetPassword(event, ctx));
  routes.add('POST', path, (event) => postResetPassword(event, ctx), [createPostRateLimit(ctx, path)]);
}

import type { H3Event } from 'h3';
import { z } from 'zod';
import type { ActivationRefusalCode } from '../../flows/activation-refusal.js';
import { confirmActivationEmail, openConfirmation } from '../../flows/confirm-activation-email.js';
import { PAGE_PATHS } from '../../page-paths.js';
import type { AppContext } from '../app-context.js';
import { parseForm, readForm } from '../form.js';
import { text } from '../form-fields.js';
import { createPostRateLimit } from '../middleware/post-rate-limit.js';
import { htmlResponse, type Reply } from '../responses.js';
import type { RouteTable } from '../route-table.js';
import { renderActivateDone } from '../views/activate-done.js';
import { renderConfirmEmailButton, renderConfirmEmailInvalid, renderConfirmEmailSent } from '../views/confirm-email.js';
import { WEB_ACTOR } from '../web-actor.js';

const otpSchema = z.object({
  // Phones and people add spaces inside a code read aloud: « 123 456 ».
  otp: text()
    .transform((value) => value.replace(/\s+/g, ''))
    .pipe(z.string().regex(/^\d{6}$/, 'Saisissez le code à 6 chiffres reçu dans l’e-mail.')),
});

/** The last step's refusals: a dead invitation is gone (410), revoked access 403, the rest 409. */
const REFUSAL_STATUS: Partial<Record<ActivationRefusalCode, number>> = { INVALID_INVITE: 410, ACCESS_REVOKED: 403 };

/** Unknown, expired, replaced, spent or exhausted confirmations look the same (no oracle). */
const invalidLink = (ctx: AppContext) => htmlResponse(410, renderConfirmEmailInvalid({ site: ctx.config }));

function attemptsLeftMessage(left: number): string {
  return `Code incorrect. Il vous reste ${left} ${left > 1 ? 'essais' : 'essai'} ; au-delà, il faudra recommencer l’activation.`;
}

/** GET never changes anything: mail scanners open links too. It only shows the button. */
async function getConfirmEmail(event: H3Event, ctx: AppContext): Promise<Reply> {
  const token = event.url.searchParams.get('token') ?? '';
  const link = await openConfirmation(ctx, { token });
  return link.status === 'live' ? htmlResponse(200, renderConfirmEmailButton(token)) : invalidLink(ctx);
}

async function postConfirmEmail(event: H3Event, ctx: AppContext): Promise<Reply> {
  const fields = await readForm(event);
  const formToken = fields.form ?? '';
  let ref: { token: string } | { formToken: string; otp: string };
  if (fields.token !== undefined) ref = { token: fields.token };
  else {
    // A malformed code costs no attempt; a dead form wins over what was typed.
    const parsed = parseForm(otpSchema, fields);
    if (!parsed.ok) {
      const form = await openConfirmation(ctx, { formToken, otp: '' });
      return form.status === 'live'
        ? htmlResponse(422, renderConfirmEmailSent({ email: form.email, formToken, errors: parsed.errors }))
        : invalidLink(ctx);
    }
    ref = { formToken, otp: parsed.value.otp };
  }
  const result = await confirmActivationEmail(ctx, WEB_ACTOR, ref);
  switch (result.status) {
    case 'invalid':
      return invalidLink(ctx);
    case 'wrong_code':
      return htmlResponse(
        422,
        renderConfirmEmailSent({
          email: result.email,
          formToken,
          errors: { otp: attemptsLeftMessage(result.attemptsLeft) },
        }),
      );
    case 'locked':
      return htmlResponse(410, renderConfirmEmailInvalid({ tooManyAttempts: true, site: ctx.config }));
    case 'refused':
      // Taken meanwhile by another account, or access revoked: said as it is, nothing was spent.
      return htmlResponse(
        REFUSAL_STATUS[result.refusal.code] ?? 409,
        renderConfirmEmailInvalid({ message: result.refusal.message, site: ctx.config }),
      );
    case 'activated':
      return htmlResponse(200, renderActivateDone({ method: 'password', email: result.account.email }, ctx.config));
  }
}

export function registerConfirmEmailRoutes(routes: RouteTable, ctx: AppContext): void {
  const path = PAGE_PATHS.confirmEmail;
  routes.add('GET', path, (event) => getConfirmEmail(event, ctx));
  routes.add('POST', path, (event) => postConfirmEmail(event, ctx), [createPostRateLimit(ctx, path)]);
}

import type { H3Event } from 'h3';
import { activateWithPassword } from '../../flows/activate-with-password.js';
import type { ActivationRefusal } from '../../flows/activation-refusal.js';
import { openInviteLink } from '../../flows/open-invite-link.js';
import { startGoogleActivation } from '../../flows/start-google-activation.js';
import { isZdlError } from '../../errors.js';
import { PAGE_PATHS } from '../../page-paths.js';
import type { AppContext } from '../app-context.js';
import { type FieldErrors, parseForm, readForm } from '../form.js';
import { countWrongGuess, createActivateRateLimit, refuseGuesser } from '../middleware/code-guess-limit.js';
import { htmlResponse, type Reply } from '../responses.js';
import type { RouteTable } from '../route-table.js';
import { renderActivateDead } from '../views/activate-dead.js';
import { renderActivateDone } from '../views/activate-done.js';
import { renderActivateForm } from '../views/activate-form.js';
import { renderConfirmEmailSent } from '../views/confirm-email.js';
import { WEB_ACTOR } from '../web-actor.js';
import {
  type ActivateValues,
  codeAndModeSchema,
  credentialsSchema,
  describeRefusal,
  pickActivateValues,
} from './activate-input.js';

const GOOGLE_UNAVAILABLE = 'La connexion avec Google n’est pas disponible : choisissez « E-mail / mot de passe ».';
const GOOGLE_DOWN =
  'La connexion avec Google est indisponible pour le moment : choisissez un mot de passe, ou réessayez plus tard.';

function renderForm(ctx: AppContext, status: number, values: Partial<ActivateValues>, errors: FieldErrors): Reply {
  const googleEnabled = ctx.google !== undefined;
  // Without Google the mode is a hidden field: its error (a tampered form) is shown at the top.
  const shown =
    googleEnabled || !errors.mode ? errors : { ...errors, form: errors.form ?? errors.mode, mode: undefined };
  return htmlResponse(status, renderActivateForm({ values, errors: shown, googleEnabled }, ctx.config));
}

function renderRefusal(ctx: AppContext, values: ActivateValues, refusal: ActivationRefusal): Reply {
  const { status, errors } = describeRefusal(refusal);
  return renderForm(ctx, status, values, errors);
}

async function activateWithGoogle(event: H3Event, ctx: AppContext, code: string, values: ActivateValues) {
  const google = ctx.google;
  const starter = google && { start: (invite: Parameters<typeof google.start>[1]) => google.start(event, invite, ctx) };
  let result: Awaited<ReturnType<typeof startGoogleActivation<Reply>>>;
  try {
    result = await startGoogleActivation(
      { db: ctx.db, clock: ctx.clock, inviteKeys: ctx.inviteKeys, google: starter },
      code,
    );
  } catch (error) {
    // The provider is down (discovery failed): the form comes back as typed, code kept.
    if (!isZdlError(error) || error.code !== 'GOOGLE_UNAVAILABLE') throw error;
    ctx.log.error(`Google indisponible : ${error.cause instanceof Error ? error.cause.message : String(error.cause)}`);
    return renderForm(ctx, 503, values, { form: GOOGLE_DOWN });
  }
  switch (result.status) {
    case 'unavailable':
      return renderForm(ctx, 422, values, { form: GOOGLE_UNAVAILABLE });
    case 'refused':
      await countWrongGuess(event, ctx, result.refusal);
      return renderRefusal(ctx, values, result.refusal);
    case 'redirect':
      return result.redirect;
  }
}

async function activateWithCredentials(
  event: H3Event,
  ctx: AppContext,
  code: string,
  fields: Record<string, string>,
  values: ActivateValues,
): Promise<Reply> {
  const credentials = parseForm(credentialsSchema, fields);
  if (!credentials.ok) return renderForm(ctx, 422, values, credentials.errors);
  const { email, password, password_confirm: confirm } = credentials.value;
  const deps = { ...ctx, publicUrl: ctx.config.publicUrl };
  const result = await activateWithPassword(deps, WEB_ACTOR, { code, email, password, confirm });
  switch (result.status) {
    case 'password_refused':
      return renderForm(ctx, 422, values, { [result.field]: result.reason });
    case 'refused':
      await countWrongGuess(event, ctx, result.refusal);
      return renderRefusal(ctx, values, result.refusal);
    case 'activated':
      return htmlResponse(200, renderActivateDone({ method: 'password', email: result.account.email }, ctx.config));
    case 'confirmation_sent': {
      const { email: sentTo, formToken } = result.confirmation;
      return htmlResponse(200, renderConfirmEmailSent({ email: sentTo, formToken, errors: {} }));
    }
  }
}

async function postActivate(event: H3Event, ctx: AppContext): Promise<Reply> {
  const fields = await readForm(event);
  const values = pickActivateValues(fields);
  const head = parseForm(codeAndModeSchema, fields);
  if (!head.ok) {
    // Every field error at once; Google needs only the code, so its choice skips the others.
    const credentials = fields.mode === 'google' ? undefined : parseForm(credentialsSchema, fields);
    return renderForm(ctx, 422, values, { ...head.errors, ...(credentials?.ok === false ? credentials.errors : {}) });
  }
  const { code, mode } = head.value;
  const guesser = refuseGuesser(event);
  if (guesser) return guesser;
  return mode === 'google'
    ? activateWithGoogle(event, ctx, code, values)
    : activateWithCredentials(event, ctx, code, fields, values);
}

/** GET /activate?code=…: a dead invitation says so before any typing; else the form, code pre-filled. */
async function getActivate(event: H3Event, ctx: AppContext): Promise<Reply> {
  const code = (event.url.searchParams.get('code') ?? '').trim().slice(0, 64);
  if (code) {
    const link = await openInviteLink(ctx, code);
    if (link.status === 'dead') return htmlResponse(410, renderActivateDead(link.reason, ctx.config));
  }
  return renderForm(ctx, 200, { code }, {});
}

/** GET shows the form (or why the link is dead); POST activates. */
export function registerActivateRoutes(routes: RouteTable, ctx: AppContext): void {
  const path = PAGE_PATHS.activate;
  routes.add('GET', path, (event) => getActivate(event, ctx));
  routes.add('POST', path, (event) => postActivate(event, ctx), [createActivateRateLimit(ctx, path)]);
  if (ctx.google) {
    const google = ctx.google;
    routes.add('GET', PAGE_PATHS.googleCallback, (event) => google.callback(event, ctx));
  }
}

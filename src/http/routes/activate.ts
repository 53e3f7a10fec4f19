import type { H3Event } from 'h3';
import {
  activateAccount,
  explainUnusableInvite,
  findPendingInvite,
  type InviteHolder,
} from '../../auth/activate-account.js';
import { hashPassword } from '../../auth/password-hash.js';
import { checkPassword } from '../../auth/password-policy.js';
import { isZdlError, ZdlError } from '../../errors.js';
import { sendAccessActivatedEmail } from '../../mail/send-account-emails.js';
import type { AppContext } from '../app-context.js';
import { parseForm, readForm, type FieldErrors } from '../form.js';
import { createPostRateLimit } from '../middleware/post-rate-limit.js';
import type { RouteTable } from '../route-table.js';
import { htmlResponse, type Reply } from '../responses.js';
import { renderActivateDone } from '../views/activate-done.js';
import { renderActivateForm } from '../views/activate-form.js';
import {
  codeAndModeSchema,
  credentialsSchema,
  describeRefusal,
  pickActivateValues,
  type ActivateValues,
} from './activate-input.js';

const GOOGLE_UNAVAILABLE = 'La connexion avec Google n’est pas disponible : choisissez « E-mail / mot de passe ».';

function renderForm(ctx: AppContext, status: number, values: Partial<ActivateValues>, errors: FieldErrors): Reply {
  const googleEnabled = ctx.google !== undefined;
  // Without Google the mode is a hidden field: its error (a tampered form) is shown at the top.
  const shown =
    googleEnabled || !errors.mode ? errors : { ...errors, form: errors.form ?? errors.mode, mode: undefined };
  return htmlResponse(status, renderActivateForm({ values, errors: shown, googleEnabled }));
}

function refuse(ctx: AppContext, values: ActivateValues, error: unknown): Reply {
  const refusal = isZdlError(error) ? describeRefusal(error) : undefined;
  if (!refusal) throw error;
  return renderForm(ctx, refusal.status, values, refusal.errors);
}

/** The pending invitation behind a code (nothing consumed), or the refusal to show. */
function lookUpInvite(ctx: AppContext, code: string): Promise<InviteHolder | ZdlError> {
  const now = ctx.clock();
  return ctx.db.transaction(async (tx) => (await findPendingInvite(tx, code, now)) ?? explainUnusableInvite(tx, code));
}

async function activateWithGoogle(
  event: H3Event,
  ctx: AppContext,
  code: string,
  values: ActivateValues,
): Promise<Reply> {
  if (!ctx.google) return renderForm(ctx, 422, values, { form: GOOGLE_UNAVAILABLE });
  const holder = await lookUpInvite(ctx, code);
  if (holder instanceof ZdlError) return refuse(ctx, values, holder);
  return ctx.google.start(event, { code, holder }, ctx);
}

async function activateWithPassword(
  ctx: AppContext,
  code: string,
  fields: Record<string, string>,
  values: ActivateValues,
): Promise<Reply> {
  const credentials = parseForm(credentialsSchema, fields);
  if (!credentials.ok) return renderForm(ctx, 422, values, credentials.errors);
  const { email, password, password_confirm: confirm } = credentials.value;
  const holder = await lookUpInvite(ctx, code);
  if (holder instanceof ZdlError) return refuse(ctx, values, holder);
  const check = checkPassword({ password, confirm, email, nom: holder.nom, prenom: holder.prenom });
  if (!check.ok) return renderForm(ctx, 422, values, { [check.field]: check.reason });

  // ~30 ms of argon2 outside the transaction: the database is not held while hashing.
  const passwordHash = await hashPassword(password);
  let account: Awaited<ReturnType<typeof activateAccount>>;
  try {
    account = await ctx.db.transaction((tx) =>
      activateAccount(
        tx,
        code,
        { method: 'password', email, passwordHash },
        { now: ctx.clock(), inviteId: holder.invite_id },
      ),
    );
  } catch (error) {
    return refuse(ctx, values, error);
  }
  // After the commit, without making the person wait; a failure is logged, the access stays active.
  ctx.tasks.run('e-mail « accès activé »', () => sendAccessActivatedEmail(ctx.mailer, account));
  return htmlResponse(200, renderActivateDone({ method: 'password', email: account.email }));
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
  return mode === 'google'
    ? activateWithGoogle(event, ctx, code, values)
    : activateWithPassword(ctx, code, fields, values);
}

/** GET shows the form (code pre-filled from the link, never looked up); POST activates. */
export function registerActivateRoutes(routes: RouteTable, ctx: AppContext): void {
  routes.add('GET', '/activate', (event) =>
    renderForm(ctx, 200, { code: (event.url.searchParams.get('code') ?? '').trim().slice(0, 64) }, {}),
  );
  routes.add('POST', '/activate', (event) => postActivate(event, ctx), [createPostRateLimit(ctx, '/activate')]);
  if (ctx.google) {
    const google = ctx.google;
    routes.add('GET', '/auth/google/callback', (event) => google.callback(event, ctx));
  }
}

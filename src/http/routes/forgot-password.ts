import { setTimeout as sleep } from 'node:timers/promises';
import type { H3Event } from 'h3';
import { z } from 'zod';
import { createPasswordReset } from '../../auth/password-reset.js';
import { sendPasswordResetEmail } from '../../mail/send-account-emails.js';
import type { AppContext } from '../app-context.js';
import { emailField } from '../form-fields.js';
import { parseForm, readForm } from '../form.js';
import { createPostRateLimit } from '../middleware/post-rate-limit.js';
import type { RouteTable } from '../route-table.js';
import { htmlResponse, type Reply } from '../responses.js';
import { renderForgotForm } from '../views/forgot-form.js';
import { renderForgotSent } from '../views/forgot-sent.js';

const forgotSchema = z.object({ email: emailField });

/**
 * The same page, status and (about) time whether or not an active account has that address:
 * the lookup runs for every request, the e-mail leaves in the background, and the answer waits
 * for a floor that covers the difference between the two paths.
 */
async function postForgotPassword(event: H3Event, ctx: AppContext): Promise<Reply> {
  const startedAt = performance.now();
  const fields = await readForm(event);
  const parsed = parseForm(forgotSchema, fields);
  if (!parsed.ok) {
    // A malformed address says nothing about accounts: the form comes back with the reason.
    const values = { email: (fields.email ?? '').trim().slice(0, 254) };
    return htmlResponse(422, renderForgotForm({ values, errors: parsed.errors }));
  }
  const { email } = parsed.value;
  const reset = await ctx.db.transaction((tx) =>
    createPasswordReset(tx, { email }, { actor: 'web', now: ctx.clock() }),
  );
  // 'no_active_account', 'rate_limited', 'too_many_failures': the same neutral page, no e-mail.
  if (typeof reset !== 'string') {
    ctx.tasks.run('e-mail de réinitialisation', () => sendPasswordResetEmail(ctx.mailer, ctx.config.publicUrl, reset));
  }
  const remaining = startedAt + ctx.forgotPasswordMinMs - performance.now();
  if (remaining > 0) await sleep(remaining);
  return htmlResponse(200, renderForgotSent());
}

export function registerForgotPasswordRoutes(routes: RouteTable, ctx: AppContext): void {
  routes.add('GET', '/forgot-password', () => htmlResponse(200, renderForgotForm({ values: {}, errors: {} })));
  routes.add('POST', '/forgot-password', (event) => postForgotPassword(event, ctx), [
    createPostRateLimit(ctx, '/forgot-password'),
  ]);
}

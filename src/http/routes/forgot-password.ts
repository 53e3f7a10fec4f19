import { setTimeout as sleep } from 'node:timers/promises';
import type { H3Event } from 'h3';
import { z } from 'zod';
import { requestPasswordReset } from '../../flows/request-password-reset.js';
import { PAGE_PATHS } from '../../page-paths.js';
import type { AppContext } from '../app-context.js';
import { parseForm, readForm } from '../form.js';
import { emailField } from '../form-fields.js';
import { createPostRateLimit } from '../middleware/post-rate-limit.js';
import { htmlResponse, type Reply } from '../responses.js';
import type { RouteTable } from '../route-table.js';
import { renderForgotForm } from '../views/forgot-form.js';
import { renderForgotSent } from '../views/forgot-sent.js';
import { WEB_ACTOR } from '../web-actor.js';

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
  // 'sent' or 'not_sent' (no active account, rate limited, too many failures): the same neutral page.
  await requestPasswordReset({ ...ctx, publicUrl: ctx.config.publicUrl }, WEB_ACTOR, { email: parsed.value.email });
  const remaining = startedAt + ctx.forgotPasswordMinMs - performance.now();
  if (remaining > 0) await sleep(remaining);
  return htmlResponse(200, renderForgotSent());
}

export function registerForgotPasswordRoutes(routes: RouteTable, ctx: AppContext): void {
  const path = PAGE_PATHS.forgotPassword;
  routes.add('GET', path, () => htmlResponse(200, renderForgotForm({ values: {}, errors: {} })));
  routes.add('POST', path, (event) => postForgotPassword(event, ctx), [createPostRateLimit(ctx, path)]);
}

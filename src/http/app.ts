import { resolveInviteCodeKeys } from '../invites/resolve-code-keys.js';
import { H3 } from 'h3';
import { systemClock } from '../clock.js';
import type { AppContext, AppLog, AppOptions } from './app-context.js';
import { createBackgroundTasks } from './background-tasks.js';
import { toErrorResponse } from './error-response.js';
import { createCrossOriginGuard } from './middleware/cross-origin.js';
import { formatRequestJson, formatRequestLine, markRequestStart } from './request-log.js';
import { isReply, withSecurityHeaders } from './responses.js';
import { createRouteTable } from './route-table.js';
import { registerActivateRoutes } from './routes/activate.js';
import { registerConfirmEmailRoutes } from './routes/confirm-email.js';
import { registerForgotPasswordRoutes } from './routes/forgot-password.js';
import { registerHealthRoutes } from './routes/health.js';
import { registerResetPasswordRoutes } from './routes/reset-password.js';
import { registerStaticRoutes } from './routes/static-pages.js';
import { securityHeaders } from './security/headers.js';

export type ZdlApp = H3 & {
  /** Resolves once background work (e-mails sent after a request) has finished (see BackgroundTasks). */
  settle(deadlineMs?: number): Promise<string[]>;
  /** Background tasks still running. */
  readonly pendingTasks: number;
};

// A ceiling that stops a bot, high enough for an onboarding evening behind one Wi-Fi; guessing
// codes is stopped per wrong guess (middleware/code-guess-limit.ts), reset codes per reset.
export const DEFAULT_POST_RATE_LIMIT = { limit: 100, windowMs: 5 * 60_000 };

const processLog: AppLog = {
  request: (line) => process.stdout.write(`${line}\n`),
  error: (line) => process.stderr.write(`${line}\n`),
};

function describeFailure(error: unknown): string {
  return ((error as Error)?.message ?? String(error)).replace(/\s*\n\s*/g, ' ');
}

function resolveContext(options: AppOptions): AppContext {
  const log = options.log ?? processLog;
  return {
    db: options.db,
    config: options.config,
    mailer: options.mailer,
    clock: options.clock ?? systemClock,
    log,
    tasks: createBackgroundTasks((label, error) => log.error(`${label} : échec (${describeFailure(error)})`)),
    inviteKeys: resolveInviteCodeKeys(options.config),
    signposts: options.config,
    postRateLimit: options.postRateLimit ?? DEFAULT_POST_RATE_LIMIT,
    forgotPasswordMinMs: options.forgotPasswordMinMs ?? 250,
    healthTimeoutMs: options.healthTimeoutMs ?? 2_000,
    google: options.google,
    securityHeaders: securityHeaders({
      formActionOrigins: options.google?.formActionOrigins,
      hsts: options.config.publicUrl.startsWith('https:'),
    }),
  };
}

/**
 * The user pages as an h3 app. Every response, error pages included, carries the security
 * headers: handler responses get them in the first middleware, error pages in onError (h3 does
 * not run middleware for those). Unsafe methods pass the cross-origin check before any route.
 */
export function createApp(options: AppOptions): ZdlApp {
  const ctx = resolveContext(options);
  const formatRequest = options.logFormat === 'json' ? formatRequestJson : formatRequestLine;
  const app = new H3({
    // h3 would print unhandled errors with their stack; onError logs one line instead.
    silent: true,
    onRequest: markRequestStart,
    // `routes` is filled below, before the app answers anything (404 versus 405).
    onError: (error, event) =>
      withSecurityHeaders(
        toErrorResponse(error, event, { log: ctx.log, allowedMethods: routes.allowedMethods }),
        ctx.securityHeaders,
      ),
    onResponse: (response, event) => ctx.log.request(formatRequest(event, response.status)),
  });
  app.use(async (_event, next) => {
    const result = await next();
    return isReply(result) ? withSecurityHeaders(result, ctx.securityHeaders) : result;
  });
  app.use(createCrossOriginGuard(ctx.config.publicUrl));

  const routes = createRouteTable(app);
  registerStaticRoutes(routes);
  registerHealthRoutes(routes, ctx);
  registerActivateRoutes(routes, ctx);
  registerConfirmEmailRoutes(routes, ctx);
  registerForgotPasswordRoutes(routes, ctx);
  registerResetPasswordRoutes(routes, ctx);

  return Object.defineProperties(app, {
    settle: { value: (deadlineMs?: number) => ctx.tasks.settle(deadlineMs) },
    pendingTasks: { get: () => ctx.tasks.pending },
  }) as ZdlApp;
}

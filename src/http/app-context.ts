import type { H3Event } from 'h3';
import type { InviteHolder } from '../auth/activate-account.js';
import type { RateLimit } from '../auth/rate-limit.js';
import type { Clock } from '../clock.js';
import type { Config } from '../config.js';
import type { Database } from '../db/client.js';
import type { InviteCodeKeys } from '../invites/code-keys.js';
import type { Signposts } from '../signposts.js';
import type { Mailer } from '../mail/message.js';
import type { BackgroundTasks } from './background-tasks.js';
import type { Reply } from './responses.js';

/** Where the app writes: one line per request, and operator lines (errors, mail notices). */
export interface AppLog {
  /** `GET /activate 200 4ms` (stdout in `zdl serve`). Never a query string. */
  request(line: string): void;
  /** Unexpected errors and notices, one line each (stderr in `zdl serve`). */
  error(line: string): void;
}

/**
 * The seam for Google activation (issue 7). When given, the activation form offers Google,
 * POST /activate with mode=google calls `start`, and GET /auth/google/callback calls `callback`.
 */
export interface GoogleActivation {
  /** Origins the redirect after POST /activate goes to; CSP form-action must allow them. */
  formActionOrigins: readonly string[];
  /** The code belongs to a pending invitation (checked, not consumed): answer with the 303 to the provider. */
  start(event: H3Event, invite: { code: string; holder: InviteHolder }, ctx: AppContext): Promise<Reply>;
  /** The provider's redirect back. Must consume the invitation in one transaction (activateAccount). */
  callback(event: H3Event, ctx: AppContext): Promise<Reply>;
}

export interface AppOptions {
  db: Database;
  config: Config;
  mailer: Mailer;
  clock?: Clock;
  log?: AppLog;
  /** Request lines: `text` (default) or one JSON object each (`zdl serve --log-format json`). */
  logFormat?: 'text' | 'json';
  /** Per-IP limit on every POST route, counted in PostgreSQL (default 100 per 5 minutes per route). */
  postRateLimit?: RateLimit;
  /** POST /forgot-password never answers faster than this, account or not (default 250 ms). */
  forgotPasswordMinMs?: number;
  /** /healthz reports 503 when `select 1` takes longer than this (default 2 000 ms). */
  healthTimeoutMs?: number;
  google?: GoogleActivation;
}

/** What handlers get: the options with defaults filled in, plus the shared background tasks. */
export interface AppContext {
  db: Database;
  config: Config;
  mailer: Mailer;
  clock: Clock;
  log: AppLog;
  tasks: BackgroundTasks;
  /** Resolved at start-up: `zdl serve` on a server database refuses to start without ZDL_SECRET_KEY. */
  inviteKeys: InviteCodeKeys;
  /** The application and the contact named on pages and in e-mails (from the config). */
  signposts: Signposts;
  postRateLimit: RateLimit;
  forgotPasswordMinMs: number;
  healthTimeoutMs: number;
  google: GoogleActivation | undefined;
  /** Security headers of every response (CSP form-action includes the Google origins). */
  securityHeaders: Record<string, string>;
}

import { ZdlError } from '../../../errors.js';
import { loadCommonPasswords } from '../../../auth/common-passwords.js';
import { createGoogleClient } from '../../../auth/google-oidc.js';
import type { Config } from '../../../config.js';
import { createApp } from '../../../http/app.js';
import { installProcessGuard } from '../../../http/process-guard.js';
import { startRateLimitCleanup } from '../../../http/rate-limit-cleanup.js';
import { createGoogleActivation, GOOGLE_CALLBACK_PATH } from '../../../http/routes/google.js';
import { startServer } from '../../../http/server.js';
import { createLoggedMailer } from '../../../mail/create-logged-mailer.js';
import { assertMailCanLeave } from '../../../mail/live-mail.js';
import type { CommandContext } from '../../context.js';
import { parsePort } from '../../flags.js';
import { describeServeSetup } from './describe-setup.js';

const SERVER_RATE_LIMIT_WAIT_MS = 20_000;

interface ServeOptions {
  port: string;
  host: string;
  logFormat: string;
}

function parseLogFormat(value: string): 'text' | 'json' {
  if (value === 'text' || value === 'json') return value;
  throw new ZdlError('INVALID_OPTION', 'usage', `Valeur invalide pour --log-format : « ${value} » (text ou json).`);
}

/** Resolves with the first SIGTERM/SIGINT; the handlers are removed, so a second Ctrl+C kills at once. */
function waitForStopSignal(): Promise<NodeJS.Signals> {
  const signals: NodeJS.Signals[] = ['SIGTERM', 'SIGINT'];
  return new Promise((resolve) => {
    const onSignal = (signal: NodeJS.Signals) => {
      for (const name of signals) process.off(name, onSignal);
      resolve(signal);
    };
    for (const name of signals) process.on(name, onSignal);
  });
}

/** « Continuer avec Google » when ZDL_GOOGLE_CLIENT_ID and ZDL_GOOGLE_CLIENT_SECRET are set. */
function setUpGoogle(google: NonNullable<Config['google']>, publicUrl: string) {
  const client = createGoogleClient({ ...google, redirectUri: new URL(GOOGLE_CALLBACK_PATH, publicUrl).href });
  return createGoogleActivation(client, { publicUrl, clientSecret: google.clientSecret, issuer: google.issuer });
}

export async function run(ctx: CommandContext, _args: string[], options: ServeOptions): Promise<void> {
  const port = parsePort(options.port);
  const logFormat = parseLogFormat(options.logFormat);
  const config = await ctx.config();
  // Before the database opens: real e-mails with dead links are refused (live-mail.ts), exit 2.
  assertMailCanLeave(config);
  // The long-lived host of the embedded database, as the only process that runs for good.
  const db = await ctx.database({ longLivedHost: true });
  // Request lines are the command's output (stdout); everything else is a message (stderr).
  const log = {
    request: (line: string) => ctx.io.stdout.write(`${line}\n`),
    error: (line: string) => ctx.io.stderr.write(`${line}\n`),
  };
  const mailer = createLoggedMailer(config, db, {
    onNotice: log.error,
    clock: ctx.clock,
    // Pages never wait for e-mails, but background sends must not pile up behind a lasting 429:
    // past 20 s an e-mail fails (logged) and the person can ask again.
    maxRateLimitWaitMs: SERVER_RATE_LIMIT_WAIT_MS,
  });
  const google = config.google ? await setUpGoogle(config.google, config.publicUrl) : undefined;
  const app = createApp({ db, config, mailer, clock: ctx.clock, log, logFormat, google });
  // The 49 000-entry blocklist loads synchronously (~20 ms, far more on a loaded machine): before
  // listening, not inside the first activation, where it stalled the event loop (bench, issue #17).
  loadCommonPasswords();
  // What is served, before the « servies sur » line that says the server is ready.
  for (const line of describeServeSetup(config, db)) ctx.out.info(line);
  const stopSignal = waitForStopSignal();
  const guard = installProcessGuard(log.error);
  const server = await startServer(app, {
    port,
    host: options.host,
    requestTimeoutMs: config.requestTimeoutMs,
    graceMs: config.shutdownGraceMs,
  });
  const cleanup = startRateLimitCleanup({ db, clock: ctx.clock, log });
  ctx.out.info(
    `Pages d’accès servies sur ${server.url} (liens des e-mails : ${config.publicUrl}). Arrêt : Ctrl+C ou SIGTERM.`,
  );

  const signal = await stopSignal;
  ctx.out.info(`${signal} reçu : arrêt après les requêtes et les e-mails en cours…`);
  const abandoned = await server.close();
  await cleanup.stop();
  guard.uninstall();
  for (const label of abandoned)
    log.error(`${label} : échec (abandonné à l’arrêt, après ${config.shutdownGraceMs / 1000} s : ZDL_SHUTDOWN_GRACE)`);
  // An e-mail call still hanging (MailerSend not answering) would keep Node alive past the grace.
  if (abandoned.length > 0) setTimeout(() => process.exit(process.exitCode ?? 0), 1_000).unref();
  // The database is closed by the session once this action returns.
  ctx.out.info('Serveur arrêté.');
}

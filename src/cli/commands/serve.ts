import type { Command } from 'commander';
import type { Config } from '../../config.js';
import { ZdlError } from '../../errors.js';
import { defineAction } from '../action.js';
import type { CommandContext, Session } from '../context.js';

interface ServeOptions {
  port: string;
  host: string;
}

function parsePort(value: string): number {
  const port = Number(value);
  if (!/^\d{1,5}$/.test(value.trim()) || port > 65_535) {
    throw new ZdlError(
      'INVALID_OPTION',
      'usage',
      `Valeur invalide pour --port : « ${value} » (entre 0 et 65535 ; 0 = un port libre).`,
    );
  }
  return port;
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
async function setUpGoogle(google: NonNullable<Config['google']>, publicUrl: string) {
  const [{ createGoogleClient }, { createGoogleActivation, GOOGLE_CALLBACK_PATH }] = await Promise.all([
    import('../../auth/google-oidc.js'),
    import('../../http/routes/google.js'),
  ]);
  const client = createGoogleClient({ ...google, redirectUri: new URL(GOOGLE_CALLBACK_PATH, publicUrl).href });
  return createGoogleActivation(client, { publicUrl, clientSecret: google.clientSecret, issuer: google.issuer });
}

async function serveCommand(ctx: CommandContext, options: ServeOptions): Promise<void> {
  const port = parsePort(options.port);
  const [config, db, { createLoggedMailer }, { createApp }, { startServer }, { startRateLimitCleanup }] =
    await Promise.all([
      ctx.config(),
      ctx.database(),
      import('../../mail/create-logged-mailer.js'),
      import('../../http/app.js'),
      import('../../http/server.js'),
      import('../../http/rate-limit-cleanup.js'),
    ]);
  // Request lines are the command's output (stdout); everything else is a message (stderr).
  const log = {
    request: (line: string) => ctx.io.stdout.write(`${line}\n`),
    error: (line: string) => ctx.io.stderr.write(`${line}\n`),
  };
  const mailer = createLoggedMailer(config, db, { onNotice: log.error, clock: ctx.clock });
  const google = config.google ? await setUpGoogle(config.google, config.publicUrl) : undefined;
  const app = createApp({ db, config, mailer, clock: ctx.clock, log, google });
  const stopSignal = waitForStopSignal();
  const server = await startServer(app, { port, host: options.host });
  const cleanup = startRateLimitCleanup({ db, clock: ctx.clock, log });
  ctx.out.info(
    `Pages d’accès servies sur ${server.url} (liens des e-mails : ${config.publicUrl}). Arrêt : Ctrl+C ou SIGTERM.`,
  );

  const signal = await stopSignal;
  ctx.out.info(`${signal} reçu : arrêt après les requêtes et les e-mails en cours…`);
  await server.close();
  await cleanup.stop();
  // The database is closed by the session once this action returns.
  ctx.out.info('Serveur arrêté.');
}

export function registerServeCommand(program: Command, session: Session): void {
  program
    .command('serve')
    .description('servir les pages d’accès (activation, mot de passe oublié) en HTTP')
    .option('--port <port>', 'port d’écoute (0 = un port libre)', '3000')
    .option('--host <adresse>', 'adresse d’écoute', '127.0.0.1')
    .action(defineAction<ServeOptions>(session, (ctx, _args, options) => serveCommand(ctx, options)));
}

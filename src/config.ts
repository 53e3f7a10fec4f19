import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseEnv } from 'node:util';
import {
  asBoolean,
  asHttpUrl,
  asSeconds,
  asText,
  atLeast,
  createEnvReader,
  type Env,
  invalidConfig,
  matching,
  Refused,
} from './env-reader.js';
import { asIdleDuration, DEFAULT_EMBEDDED_IDLE_MS } from './db/embedded-idle.js';
import { MAILBOX_EXPECTED, matchMailbox } from './mail/parse-mailbox.js';

export type { Env } from './env-reader.js';

/** How pages and e-mails name the association's application when ZDL_APP_NAME is not set. */
export const DEFAULT_APP_NAME = 'l’application ZDL';

const withoutTrailingSlashes = (value: string) => value.replace(/\/+$/, '');

function asAppName(value: string): string {
  const name = value.trim();
  if (name.length > 80) throw new Refused('au plus 80 caractères');
  return name;
}

function asMailbox(value: string): string {
  // The same parser the mailer uses (mail/parse-mailbox.ts): what passes here is what it sends.
  if (matchMailbox(value) === undefined) throw new Refused(MAILBOX_EXPECTED);
  return value;
}

export interface Config {
  databaseUrl: string | undefined;
  databasePrepare: boolean | undefined;
  dataDir: string;
  /** ZDL_EMBEDDED_IDLE: how long the embedded database's background host waits; 0: none. */
  embeddedIdleMs: number;
  publicUrl: string;
  /** ZDL_ALLOW_INSECURE_PUBLIC_URL: an http: public URL is accepted even when e-mails are real. */
  allowInsecurePublicUrl: boolean;
  /** ZDL_APP_URL: the association's application, where people sign in. */
  appUrl: string | undefined;
  /** ZDL_CONTACT: free text naming whom to ask (« le secrétariat, 01 23 45 67 89 »). */
  contact: string | undefined;
  /** ZDL_APP_NAME: how pages and e-mails name that application (« Se connecter à … »). */
  appName: string;
  mail: {
    apiKey: string | undefined;
    apiUrl: string;
    from: string;
    outboxDir: string;
  };
  google: { clientId: string; clientSecret: string; issuer: string } | undefined;
  trustProxy: boolean;
  /** ZDL_SECRET_KEY and, during a rotation, ZDL_SECRET_KEY_PREVIOUS. */
  secretKey: { current: string | undefined; previous: string | undefined };
  /** Deadline for a request's headers and body to arrive (`zdl serve`), in milliseconds. */
  requestTimeoutMs: number;
  /** Deadline of every transaction on a server (ZDL_DB_TIMEOUT); long admin operations lift it. */
  databaseTimeoutMs: number;
  /** `zdl serve`: how long stopping may take (ZDL_SHUTDOWN_GRACE). */
  shutdownGraceMs: number;
  production: boolean;
}

/** Reads `.env` in `cwd` if present; real environment variables win over the file. */
export function loadEnv(env: Env = process.env, cwd = process.cwd()): Env {
  const file = path.join(cwd, '.env');
  if (!existsSync(file)) return env;
  const fromFile = parseEnv(readFileSync(file, 'utf8'));
  return { ...fromFile, ...env };
}

export function parseConfig(env: Env, cwd = process.cwd()): Config {
  const { read, issues } = createEnvReader(env);
  const optional = <T>(variable: string, parse: (value: string) => T) =>
    read<T | undefined>(variable, parse, undefined);
  const flag = (variable: string) => read(variable, asBoolean, false);
  const values = {
    databaseUrl: optional(
      'DATABASE_URL',
      matching(/^postgres(ql)?:\/\//, 'doit commencer par postgres:// ou postgresql://'),
    ),
    // Named prepared statements: off unless `true` here (or `?prepare=true` in DATABASE_URL),
    // because transaction-mode poolers (PgBouncer, Supabase's port 6543) break them (README, "Poolers").
    databasePrepare: optional('ZDL_DB_PREPARE', asBoolean),
    dataDir: read('ZDL_DATA_DIR', asText, '.zdl'),
    // The embedded database's background host stays up this long for the next command.
    embeddedIdleMs: read('ZDL_EMBEDDED_IDLE', asIdleDuration, DEFAULT_EMBEDDED_IDLE_MS),
    publicUrl: withoutTrailingSlashes(
      read(
        'ZDL_PUBLIC_URL',
        asHttpUrl('doit être une URL http(s) complète, par exemple https://acces.zdl.org'),
        'http://localhost:3000',
      ),
    ),
    // Lifts the https requirement of links in real e-mails, for a lab on a local network only.
    allowInsecurePublicUrl: flag('ZDL_ALLOW_INSECURE_PUBLIC_URL'),
    // Where people sign in once their access works, and whom they ask: shown on pages and in e-mails.
    appUrl: optional('ZDL_APP_URL', asHttpUrl('doit être une URL http(s) complète')),
    contact: optional('ZDL_CONTACT', asText)?.trim(),
    appName: read('ZDL_APP_NAME', asAppName, DEFAULT_APP_NAME),
    mailApiKey: optional('MAILERSEND_API_KEY', asText),
    mailApiUrl: withoutTrailingSlashes(
      read('MAILERSEND_API_URL', asHttpUrl('doit être une URL http(s)'), 'https://api.mailersend.com/v1'),
    ),
    mailFrom: read('ZDL_MAIL_FROM', asMailbox, 'ZDL <acces@zdl.invalid>'),
    mailOutbox: optional('ZDL_MAIL_OUTBOX', asText),
    googleClientId: optional('ZDL_GOOGLE_CLIENT_ID', asText),
    googleClientSecret: optional('ZDL_GOOGLE_CLIENT_SECRET', asText),
    googleIssuer: read('ZDL_GOOGLE_ISSUER', asHttpUrl('doit être une URL http(s)'), 'https://accounts.google.com'),
    trustProxy: flag('ZDL_TRUST_PROXY'),
    // Keys the hash of invitation codes (src/invites/code-keys.ts); never stored in the database.
    secretKey: optional('ZDL_SECRET_KEY', atLeast(32, 'au moins 32 caractères (openssl rand -base64 32)')),
    previousSecretKey: optional('ZDL_SECRET_KEY_PREVIOUS', atLeast(32, 'au moins 32 caractères')),
    // A 16 KiB form arrives in milliseconds; a client still sending after this is stalling a socket.
    requestTimeoutMs: read('ZDL_REQUEST_TIMEOUT', asSeconds, 10_000),
    // Every transaction's deadline on a server: a stalled PostgreSQL must not hang pages or cron jobs.
    databaseTimeoutMs: read('ZDL_DB_TIMEOUT', asSeconds, 10_000),
    // `zdl serve` on SIGTERM: in-flight requests, then e-mails, within this; what is left is abandoned.
    shutdownGraceMs: read('ZDL_SHUTDOWN_GRACE', asSeconds, 10_000),
    production: optional('NODE_ENV', asText) === 'production',
  };
  if (issues.length > 0) throw invalidConfig(issues);
  if ((values.googleClientId === undefined) !== (values.googleClientSecret === undefined)) {
    throw invalidConfig(
      [{ variable: 'ZDL_GOOGLE_CLIENT_ID / ZDL_GOOGLE_CLIENT_SECRET', message: 'définissez les deux, ou aucun' }],
      ['ZDL_GOOGLE_CLIENT_ID', 'ZDL_GOOGLE_CLIENT_SECRET'],
    );
  }
  const dataDir = path.resolve(cwd, values.dataDir);
  return {
    databaseUrl: values.databaseUrl,
    databasePrepare: values.databasePrepare,
    dataDir,
    embeddedIdleMs: values.embeddedIdleMs,
    publicUrl: values.publicUrl,
    allowInsecurePublicUrl: values.allowInsecurePublicUrl,
    appUrl: values.appUrl,
    contact: values.contact,
    appName: values.appName,
    mail: {
      apiKey: values.mailApiKey,
      apiUrl: values.mailApiUrl,
      from: values.mailFrom,
      outboxDir: path.resolve(cwd, values.mailOutbox ?? path.join(dataDir, 'outbox')),
    },
    google:
      values.googleClientId && values.googleClientSecret
        ? { clientId: values.googleClientId, clientSecret: values.googleClientSecret, issuer: values.googleIssuer }
        : undefined,
    trustProxy: values.trustProxy,
    secretKey: { current: values.secretKey, previous: values.previousSecretKey },
    requestTimeoutMs: values.requestTimeoutMs,
    databaseTimeoutMs: values.databaseTimeoutMs,
    shutdownGraceMs: values.shutdownGraceMs,
    production: values.production,
  };
}

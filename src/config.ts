import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseEnv } from 'node:util';
import { z } from 'zod';
import { ZdlError } from './errors.js';
import { MAILBOX_EXPECTED, matchMailbox } from './mail/parse-mailbox.js';

export type Env = Record<string, string | undefined>;

const emptyToUndefined = (value: unknown) => (typeof value === 'string' && value.trim() === '' ? undefined : value);

const optionalString = z.preprocess(emptyToUndefined, z.string().optional());

const httpUrl = (message: string) => z.url({ protocol: /^https?$/, error: message });

const optionalBoolean = z.preprocess(
  emptyToUndefined,
  z
    .enum(['1', '0', 'true', 'false', 'yes', 'no'], {
      error: 'attendu : 1, 0, true, false, yes ou no',
    })
    .optional()
    .transform((value) => (value === undefined ? undefined : value === '1' || value === 'true' || value === 'yes')),
);

const booleanFlag = optionalBoolean.transform((value) => value === true);

/** A duration written `10s` (1 to 9999 seconds), in milliseconds. */
const seconds = (fallback: string) =>
  z.preprocess(
    emptyToUndefined,
    z
      .string()
      .regex(/^[1-9]\d{0,3}s$/, 'attendu : une durée en secondes, par exemple 10s')
      .default(fallback)
      .transform((value) => Number(value.slice(0, -1)) * 1000),
  );

/** How pages and e-mails name the association's application when ZDL_APP_NAME is not set. */
export const DEFAULT_APP_NAME = 'l’application ZDL';

const configSchema = z.object({
  DATABASE_URL: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'doit commencer par postgres:// ou postgresql://')
      .optional(),
  ),
  // Named prepared statements: off unless `true` here (or `?prepare=true` in DATABASE_URL), because
  // transaction-mode poolers (PgBouncer, Supabase's port 6543) break them (README, "Poolers").
  ZDL_DB_PREPARE: optionalBoolean,
  ZDL_DATA_DIR: z.preprocess(emptyToUndefined, z.string().default('.zdl')),
  ZDL_PUBLIC_URL: z.preprocess(
    emptyToUndefined,
    httpUrl('doit être une URL http(s) complète, par exemple https://acces.zdl.org')
      .default('http://localhost:3000')
      .transform((value) => value.replace(/\/+$/, '')),
  ),
  // Lifts the https requirement of links in real e-mails, for a lab on a local network only.
  ZDL_ALLOW_INSECURE_PUBLIC_URL: booleanFlag,
  // Where people sign in once their access works, and whom they ask: shown on pages and in e-mails.
  ZDL_APP_URL: z.preprocess(emptyToUndefined, httpUrl('doit être une URL http(s) complète').optional()),
  ZDL_CONTACT: optionalString,
  ZDL_APP_NAME: z.preprocess(emptyToUndefined, z.string().trim().min(1).max(80).default(DEFAULT_APP_NAME)),
  MAILERSEND_API_KEY: optionalString,
  MAILERSEND_API_URL: z.preprocess(
    emptyToUndefined,
    httpUrl('doit être une URL http(s)')
      .default('https://api.mailersend.com/v1')
      .transform((value) => value.replace(/\/+$/, '')),
  ),
  ZDL_MAIL_FROM: z.preprocess(
    emptyToUndefined,
    z
      .string()
      // The same parser the mailer uses (mail/parse-mailbox.ts): what passes here is what it sends.
      .refine((value) => matchMailbox(value) !== undefined, MAILBOX_EXPECTED)
      .default('ZDL <acces@zdl.invalid>'),
  ),
  ZDL_MAIL_OUTBOX: optionalString,
  ZDL_GOOGLE_CLIENT_ID: optionalString,
  ZDL_GOOGLE_CLIENT_SECRET: optionalString,
  ZDL_GOOGLE_ISSUER: z.preprocess(
    emptyToUndefined,
    httpUrl('doit être une URL http(s)').default('https://accounts.google.com'),
  ),
  ZDL_TRUST_PROXY: booleanFlag,
  // Keys the hash of invitation codes (src/invites/code-keys.ts); never stored in the database.
  ZDL_SECRET_KEY: z.preprocess(
    emptyToUndefined,
    z.string().min(32, 'au moins 32 caractères (openssl rand -base64 32)').optional(),
  ),
  ZDL_SECRET_KEY_PREVIOUS: z.preprocess(emptyToUndefined, z.string().min(32, 'au moins 32 caractères').optional()),
  // A 16 KiB form arrives in milliseconds; a client still sending after this is stalling a socket.
  ZDL_REQUEST_TIMEOUT: seconds('10s'),
  // Every transaction's deadline on a server: a stalled PostgreSQL must not hang pages or cron jobs.
  ZDL_DB_TIMEOUT: seconds('10s'),
  // `zdl serve` on SIGTERM: in-flight requests, then e-mails, within this; what is left is abandoned.
  ZDL_SHUTDOWN_GRACE: seconds('10s'),
  NODE_ENV: optionalString,
});

export interface Config {
  databaseUrl: string | undefined;
  databasePrepare: boolean | undefined;
  dataDir: string;
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
  const result = configSchema.safeParse(env);
  if (!result.success) {
    const lines = result.error.issues.map((issue) => `  ${String(issue.path[0])} : ${issue.message}`);
    throw new ZdlError('INVALID_CONFIG', 'usage', `Configuration invalide :\n${lines.join('\n')}`, {
      details: { variables: result.error.issues.map((issue) => String(issue.path[0])) },
    });
  }
  const values = result.data;
  const googlePartial = [values.ZDL_GOOGLE_CLIENT_ID, values.ZDL_GOOGLE_CLIENT_SECRET].filter(Boolean).length;
  if (googlePartial === 1) {
    throw new ZdlError(
      'INVALID_CONFIG',
      'usage',
      'Configuration invalide :\n  ZDL_GOOGLE_CLIENT_ID / ZDL_GOOGLE_CLIENT_SECRET : définissez les deux, ou aucun',
      { details: { variables: ['ZDL_GOOGLE_CLIENT_ID', 'ZDL_GOOGLE_CLIENT_SECRET'] } },
    );
  }
  const dataDir = path.resolve(cwd, values.ZDL_DATA_DIR);
  return {
    databaseUrl: values.DATABASE_URL,
    databasePrepare: values.ZDL_DB_PREPARE,
    dataDir,
    publicUrl: values.ZDL_PUBLIC_URL,
    allowInsecurePublicUrl: values.ZDL_ALLOW_INSECURE_PUBLIC_URL,
    appUrl: values.ZDL_APP_URL,
    contact: values.ZDL_CONTACT?.trim(),
    appName: values.ZDL_APP_NAME,
    mail: {
      apiKey: values.MAILERSEND_API_KEY,
      apiUrl: values.MAILERSEND_API_URL,
      from: values.ZDL_MAIL_FROM,
      outboxDir: path.resolve(cwd, values.ZDL_MAIL_OUTBOX ?? path.join(dataDir, 'outbox')),
    },
    google:
      values.ZDL_GOOGLE_CLIENT_ID && values.ZDL_GOOGLE_CLIENT_SECRET
        ? {
            clientId: values.ZDL_GOOGLE_CLIENT_ID,
            clientSecret: values.ZDL_GOOGLE_CLIENT_SECRET,
            issuer: values.ZDL_GOOGLE_ISSUER,
          }
        : undefined,
    trustProxy: values.ZDL_TRUST_PROXY,
    secretKey: { current: values.ZDL_SECRET_KEY, previous: values.ZDL_SECRET_KEY_PREVIOUS },
    requestTimeoutMs: values.ZDL_REQUEST_TIMEOUT,
    databaseTimeoutMs: values.ZDL_DB_TIMEOUT,
    shutdownGraceMs: values.ZDL_SHUTDOWN_GRACE,
    production: values.NODE_ENV === 'production',
  };
}

// Typed errors: the domain throws them, the edges (CLI, HTTP) map `kind` to exit codes / statuses.
// `message` is French and safe to show to the person who caused it; `cause` is for --debug only.

export type ErrorKind = 'usage' | 'invalid' | 'not_found' | 'conflict' | 'operational';

/**
 * Every error code zdl uses, each with the one kind it always has. A new code is added here or
 * does not compile; the edges switch on `kind` (or on a code subset) exhaustively.
 */
const ERROR_KINDS = {
  // Input the caller must fix (flags, configuration, files, typed values).
  BAD_HOST: 'usage',
  CANCELLED: 'usage',
  CONFIRMATION_REQUIRED: 'usage',
  FILE_EXISTS: 'usage',
  FILE_UNREADABLE: 'usage',
  INVALID_CONFIG: 'usage',
  /** A server database without ZDL_SECRET_KEY: invitation codes cannot be hashed or looked up. */
  SECRET_KEY_MISSING: 'usage',
  INVALID_DATABASE_URL: 'usage',
  INVALID_DURATION: 'usage',
  INVALID_EMAIL: 'usage',
  INVALID_ID: 'usage',
  INVALID_OPTION: 'usage',
  INVALID_ROLE: 'usage',
  /** Real e-mails (MailerSend, production) with links or a sender no recipient can reach. */
  MAIL_LINKS_UNSAFE: 'usage',
  MISSING_OPTION: 'usage',
  NO_EMAIL: 'usage',
  NOTHING_TO_CHANGE: 'usage',
  SAME_DATABASE: 'usage',
  /** `db grant-app` on the embedded database: one user, no role to restrict. */
  ROLES_UNSUPPORTED: 'usage',
  // Data that is refused as it is.
  BACKUP_INCOMPATIBLE: 'invalid',
  BACKUP_INVALID: 'invalid',
  BODY_TOO_LARGE: 'invalid',
  /** The client hung up before its request body arrived (logged as a hang-up, answered 499). */
  CLIENT_GONE: 'invalid',
  GOOGLE_CANCELLED: 'invalid',
  /** The provider sent no e-mail address, in the ID token nor at UserInfo: its doing, not the person's. */
  GOOGLE_CLAIMS_MISSING: 'invalid',
  GOOGLE_EMAIL_UNVERIFIED: 'invalid',
  GOOGLE_FAILED: 'invalid',
  INVALID_CSV: 'invalid',
  INVALID_INVITE: 'invalid',
  INVALID_PERSON: 'invalid',
  UNSUPPORTED_MEDIA_TYPE: 'invalid',
  // Something that does not exist.
  BACKUP_NOT_FOUND: 'not_found',
  INVITE_NOT_FOUND: 'not_found',
  PERSON_NOT_FOUND: 'not_found',
  ROLE_NOT_FOUND: 'not_found',
  // The current state forbids it.
  ACCESS_ALREADY_ACTIVE: 'conflict',
  ACCESS_ALREADY_REVOKED: 'conflict',
  ACCESS_NOT_REVOKED: 'conflict',
  ACCESS_REVOKED: 'conflict',
  NOT_INVITABLE: 'conflict',
  /** An activation's e-mail address belongs to another account (zdl.accounts). */
  ACCOUNT_EMAIL_TAKEN: 'conflict',
  BACKUP_FILE_EXISTS: 'conflict',
  /** Too many confirmation e-mails for one invitation in the window, or too many wrong codes. */
  CONFIRMATION_LIMITED: 'conflict',
  /** A restore or move onto a database that already holds zdl data. */
  DATABASE_NOT_EMPTY: 'conflict',
  GOOGLE_ACCOUNT_TAKEN: 'conflict',
  INVITE_NOT_PENDING: 'conflict',
  NO_ACTIVE_ACCESS: 'conflict',
  /** A person's e-mail address on file belongs to another person (zdl.personnes). */
  PERSON_EMAIL_TAKEN: 'conflict',
  RESET_LOCKED: 'conflict',
  RESET_RATE_LIMITED: 'conflict',
  // The operator's business: a service, the database, the machine.
  /** PostgreSQL did not confirm a transaction's commit (src/db/transaction.ts): nothing was saved. */
  COMMIT_FAILED: 'operational',
  /** The connection died during COMMIT: saved or not, nobody knows. */
  COMMIT_UNKNOWN: 'operational',
  /** 26000 behind a transaction-mode pooler with prepared statements on. */
  DATABASE_POOLER: 'operational',
  DATABASE_TLS_FAILED: 'operational',
  /** No answer within ZDL_DB_TIMEOUT (a stalled server, a lock held too long): nothing was saved. */
  DATABASE_TIMEOUT: 'operational',
  BACKUP_FILE_UNWRITABLE: 'operational',
  DATABASE_UNREACHABLE: 'operational',
  EMBEDDED_DB_FAILED: 'operational',
  GOOGLE_UNAVAILABLE: 'operational',
  MAIL_FAILED: 'operational',
  MAIL_NOT_CONFIGURED: 'operational',
  MIGRATION_CHANGED: 'operational',
  MIGRATIONS_PENDING: 'operational',
  /** A read-only command found no embedded database where it looked (it never creates one). */
  NO_DATABASE: 'operational',
  PORT_DENIED: 'operational',
  PORT_IN_USE: 'operational',
  FILE_UNWRITABLE: 'operational',
  /** The embedded database's key file is readable by others, or unreadable. */
  SECRET_KEY_FILE_UNSAFE: 'operational',
  SERVER_TOO_OLD: 'operational',
} as const satisfies Record<string, ErrorKind>;

export type ErrorCode = keyof typeof ERROR_KINDS;
/** The kind a code always has. */
export type KindOf<C extends ErrorCode> = (typeof ERROR_KINDS)[C];

export class ZdlError<C extends ErrorCode = ErrorCode> extends Error {
  override readonly name = 'ZdlError';
  readonly code: C;
  readonly kind: KindOf<C>;
  readonly details: Record<string, unknown> | undefined;

  constructor(
    code: C,
    kind: KindOf<C>,
    message: string,
    options: { cause?: unknown; details?: Record<string, unknown> } = {},
  ) {
    super(message, { cause: options.cause });
    this.code = code;
    this.kind = kind;
    this.details = options.details;
  }
}

export function isZdlError<C extends ErrorCode = ErrorCode>(error: unknown, code?: C): error is ZdlError<C> {
  return error instanceof ZdlError && (code === undefined || error.code === code);
}

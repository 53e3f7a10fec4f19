import { ZdlError } from '../errors.js';
import { describeNetworkCause, describeTlsCause, isTlsFailure } from '../network-errors.js';

const CONNECTION_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ETIMEDOUT',
  'EPIPE',
  'CONNECT_TIMEOUT',
  'CONNECTION_CLOSED',
  'CONNECTION_DESTROYED',
  'CONNECTION_ENDED',
]);

// postgres.js' own codes; socket errors are described by network-errors.ts.
const DRIVER_CAUSES: Record<string, string> = {
  CONNECT_TIMEOUT: 'délai de connexion dépassé',
  CONNECTION_CLOSED: 'connexion fermée',
  CONNECTION_DESTROYED: 'connexion fermée',
  CONNECTION_ENDED: 'connexion fermée',
};

function errorCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

export function isConnectionError(error: unknown): boolean {
  const code = errorCode(error);
  return code !== undefined && CONNECTION_CODES.has(code);
}

/** 40001 serialization_failure, 40P01 deadlock_detected: the transaction may be run again. */
export function isRetryableConflict(error: unknown): boolean {
  const code = errorCode(error);
  return code === '40001' || code === '40P01';
}

// SQLSTATEs for a server that is reachable but refuses us (bad password, unknown database).
const AUTH_OR_CATALOG = new Set(['28P01', '28000', '3D000', '57P03']);

// 26000 "prepared statement does not exist": named statements behind a transaction-mode pooler
// (PgBouncer, Supavisor), where the next transaction runs on another backend.
const POOLER_CODES = new Set(['26000']);

/** Turns driver errors into typed ZdlErrors; anything else is returned unchanged. */
export function toDatabaseError(error: unknown, location: string): unknown {
  if (error instanceof ZdlError) return error;
  const code = errorCode(error);
  if (code !== undefined && isTlsFailure(code)) {
    return new ZdlError(
      'DATABASE_TLS_FAILED',
      'operational',
      `Connexion TLS refusée (${location}) : ${describeTlsCause(code)}`,
      {
        cause: error,
      },
    );
  }
  if (code !== undefined && POOLER_CODES.has(code)) {
    return new ZdlError(
      'DATABASE_POOLER',
      'operational',
      `Instruction préparée introuvable sur ${location} : un pooler en mode transaction est devant la base, mettez ZDL_DB_PREPARE=false`,
      { cause: error },
    );
  }
  if (code === '28000' && /no encryption/.test((error as Error).message)) {
    return new ZdlError(
      'DATABASE_UNREACHABLE',
      'operational',
      `Base de données refusée (${location}) : le serveur exige TLS, ajoutez ?sslmode=verify-full à DATABASE_URL`,
      { cause: error },
    );
  }
  if (code !== undefined && CONNECTION_CODES.has(code)) {
    return new ZdlError(
      'DATABASE_UNREACHABLE',
      'operational',
      `Base de données injoignable (${location}) : ${DRIVER_CAUSES[code] ?? describeNetworkCause(code) ?? code}`,
      {
        cause: error,
      },
    );
  }
  // 57014 query_canceled: the statement outlived the transaction's statement_timeout (client.ts).
  if (code === '57014') {
    return new ZdlError(
      'DATABASE_TIMEOUT',
      'operational',
      `La base de données n'a pas répondu à temps (${location}) : rien n'a été enregistré (ZDL_DB_TIMEOUT)`,
      { cause: error },
    );
  }
  if (code !== undefined && AUTH_OR_CATALOG.has(code)) {
    const message = (error as Error).message;
    return new ZdlError('DATABASE_UNREACHABLE', 'operational', `Base de données refusée (${location}) : ${message}`, {
      cause: error,
    });
  }
  return error;
}

export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  if (errorCode(error) !== '23505') return false;
  return constraint === undefined || (error as { constraint_name?: string }).constraint_name === constraint;
}

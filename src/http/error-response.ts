import type { H3Event, HTTPError } from 'h3';
import { isZdlError, type ErrorKind } from '../errors.js';
import type { AppLog } from './app-context.js';
import { errorPageResponse, type Reply } from './responses.js';

// Maps whatever reached h3's onError to a French page: a ZdlError with an HTTP status (body limit,
// content type) gets that status; an operational ZdlError (database unreachable…) a 503 and a log
// line; any other ZdlError its own French message; anything else a 500 whose cause goes to the
// log, never to the page.

export interface ErrorContext {
  log: AppLog;
  /** Methods a known path answers to, for 405 versus 404; undefined for an unknown path. */
  allowedMethods(pathname: string): readonly string[] | undefined;
}

const STATUS_BY_KIND: Record<Exclude<ErrorKind, 'operational'>, number> = {
  usage: 400,
  invalid: 400,
  not_found: 404,
  conflict: 409,
};

function describe(error: unknown): string {
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    return `${error.name}${typeof code === 'string' ? ` ${code}` : ''}: ${error.message}`.replace(/\s*\n\s*/g, ' ');
  }
  return String(error).replace(/\s*\n\s*/g, ' ');
}

function statusOf(error: unknown): number | undefined {
  const status = isZdlError(error) ? error.details?.status : undefined;
  return typeof status === 'number' ? status : undefined;
}

export function toErrorResponse(error: HTTPError, event: H3Event, ctx: ErrorContext): Reply {
  // h3 wraps anything that is not an HTTPError; the original is its cause.
  const original: unknown = error.unhandled ? error.cause : error;
  const where = `${event.req.method} ${event.url.pathname}`;

  // A hang-up is the client's doing, not a failure: one plain line, no 500 (nginx logs it as 499).
  if (isZdlError(original, 'CLIENT_GONE')) {
    ctx.log.error(`Client déconnecté avant la fin de sa requête (${where}).`);
    return errorPageResponse(499, { headers: { Connection: 'close' } });
  }
  const declared = statusOf(original);
  if (declared !== undefined) {
    // 413: the rest of the body is not read; closing the connection spares us from draining it.
    return errorPageResponse(declared, declared === 413 ? { headers: { Connection: 'close' } } : {});
  }
  if (isZdlError(original)) {
    // Operational failures (database, Google or MailerSend unreachable) are for the operator.
    if (original.kind === 'operational') {
      ctx.log.error(`Service indisponible (${where}) : ${describe(original)}`);
      return errorPageResponse(503, { headers: { 'Retry-After': '30' } });
    }
    // Any other ZdlError carries a French message meant for the person who caused it.
    return errorPageResponse(STATUS_BY_KIND[original.kind], { message: original.message });
  }
  if (!error.unhandled && error.status === 404) {
    const allowed = ctx.allowedMethods(event.url.pathname);
    if (allowed) return errorPageResponse(405, { headers: { Allow: allowed.join(', ') } });
    return errorPageResponse(404);
  }
  if (!error.unhandled && error.status < 500) return errorPageResponse(error.status);
  ctx.log.error(`Erreur inattendue (${where}) : ${describe(original)}`);
  return errorPageResponse(500);
}

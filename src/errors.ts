// Typed errors: the domain throws them, the edges (CLI, HTTP) map `kind` to exit codes / statuses.
// `message` is French and safe to show to the person who caused it; `cause` is for --debug only.

export type ErrorKind = 'usage' | 'invalid' | 'not_found' | 'conflict' | 'operational';

export class ZdlError extends Error {
  override readonly name = 'ZdlError';
  readonly code: string;
  readonly kind: ErrorKind;
  readonly details: Record<string, unknown> | undefined;

  constructor(
    code: string,
    kind: ErrorKind,
    message: string,
    options: { cause?: unknown; details?: Record<string, unknown> } = {},
  ) {
    super(message, { cause: options.cause });
    this.code = code;
    this.kind = kind;
    this.details = options.details;
  }
}

export function isZdlError(error: unknown, code?: string): error is ZdlError {
  return error instanceof ZdlError && (code === undefined || error.code === code);
}

/** Exit codes: 0 success, 1 operational failure, 2 usage or invalid input, 3 not found. */
export function exitCodeFor(error: unknown): 1 | 2 | 3 {
  if (!(error instanceof ZdlError)) return 1;
  switch (error.kind) {
    case 'usage':
    case 'invalid':
    case 'conflict':
      return 2;
    case 'not_found':
      return 3;
    case 'operational':
      return 1;
  }
}

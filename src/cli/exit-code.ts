import { type ErrorKind, ZdlError } from '../errors.js';

// The CLI's edge for typed errors: exit codes by kind (stable, for scripts) and the advice a
// terminal user needs, which domain messages leave out (they are shown on pages too).

/** Exit codes: 0 success, 1 operational failure, 2 usage or invalid input, 3 not found. */
export function exitCodeFor(error: unknown): 1 | 2 | 3 {
  if (!(error instanceof ZdlError)) return 1;
  const kind: ErrorKind = error.kind;
  switch (kind) {
    case 'usage':
    case 'invalid':
    case 'conflict':
      return 2;
    case 'not_found':
      return 3;
    case 'operational':
      return 1;
    default:
      return kind satisfies never;
  }
}

/** The command to run next, for the codes where the CLI knows one. */
const ADVICE: Partial<Record<ZdlError['code'], string>> = {
  ACCESS_REVOKED: 'Rétablissez l’accès avec « zdl access restore <personne> ».',
  RESET_LOCKED: 'Une fois le compte contrôlé, débloquez-le avec « zdl reset unlock <personne> ».',
  NOTHING_TO_CHANGE: 'Indiquez au moins une option (--nom, --prenom, --tel1, --tel2, --email, --role).',
};

/** The error's French message, followed by what to do next on the command line when known. */
export function describeForTerminal(error: ZdlError): string {
  const advice = ADVICE[error.code];
  return advice ? `${error.message}\n${advice}` : error.message;
}

// The last line of defence of `zdl serve`: an exception thrown where nothing can catch it (a
// stream callback, a timer, a forgotten promise) must not end a server that other people and,
// on the embedded database, other zdl processes depend on. It is logged with its stack for the
// operator and the server keeps serving. Tests of `zdl serve` assert that this line never
// appears, so a bug reaching it still fails the suite instead of being hidden.

export const UNCAUGHT_MARKER = 'Erreur non rattrapée';

export interface ProcessGuard {
  /** How many errors reached the guard since it was installed. */
  readonly caught: number;
  uninstall(): void;
}

function describe(error: unknown): string {
  return error instanceof Error ? (error.stack ?? `${error.name}: ${error.message}`) : String(error);
}

export function installProcessGuard(log: (line: string) => void): ProcessGuard {
  let caught = 0;
  const onError = (error: unknown, origin: string) => {
    caught++;
    try {
      log(`${UNCAUGHT_MARKER} (${origin}), le serveur continue : ${describe(error)}`);
    } catch {
      // Nothing left to report to; keep serving.
    }
  };
  const onException = (error: Error) => onError(error, 'uncaughtException');
  const onRejection = (reason: unknown) => onError(reason, 'unhandledRejection');
  process.on('uncaughtException', onException);
  process.on('unhandledRejection', onRejection);
  return {
    get caught() {
      return caught;
    },
    uninstall() {
      process.off('uncaughtException', onException);
      process.off('unhandledRejection', onRejection);
    },
  };
}

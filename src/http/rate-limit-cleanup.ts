import { deleteExpiredRateLimits } from '../auth/rate-limit.js';
import type { Clock } from '../clock.js';
import type { Database } from '../db/client.js';
import type { AppLog } from './app-context.js';

// Rate-limit windows are only useful while they are current; the server drops old ones now and
// then so that zdl.rate_limits stays small. Several servers doing it at once is harmless.

export interface RateLimitCleanup {
  stop(): Promise<void>;
}

export function startRateLimitCleanup(deps: {
  db: Database;
  clock: Clock;
  log: AppLog;
  intervalMs?: number;
}): RateLimitCleanup {
  let running: Promise<void> = Promise.resolve();
  const sweep = () => {
    running = running.then(async () => {
      try {
        await deps.db.transaction((tx) => deleteExpiredRateLimits(tx, deps.clock()));
      } catch (error) {
        deps.log.error(`Nettoyage des limites de débit impossible : ${(error as Error)?.message ?? String(error)}`);
      }
    });
  };
  sweep();
  // unref: the timer alone never keeps the process alive.
  const timer = setInterval(sweep, deps.intervalMs ?? 10 * 60_000).unref();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}

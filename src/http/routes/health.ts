import { PAGE_PATHS } from '../../page-paths.js';
import type { AppContext } from '../app-context.js';
import type { RouteTable } from '../route-table.js';
import { jsonResponse } from '../responses.js';

/** True when `select 1` answers within the timeout; a failure is one log line. */
async function pingDatabase(ctx: AppContext): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const query = ctx.db
    .transaction((tx) => tx`select 1`)
    .then(
      () => true,
      (error: unknown) => {
        ctx.log.error(
          `healthz : base de données indisponible (${(error as Error)?.message ?? String(error)})`.replace(
            /\s*\n\s*/g,
            ' ',
          ),
        );
        return false;
      },
    );
  const timeout = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => {
      ctx.log.error(`healthz : la base de données n'a pas répondu en ${ctx.healthTimeoutMs} ms`);
      resolve(false);
    }, ctx.healthTimeoutMs);
  });
  try {
    return await Promise.race([query, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** 200 {"status":"ok"} while the database answers, 503 otherwise; each probe asks afresh. */
export function registerHealthRoutes(routes: RouteTable, ctx: AppContext): void {
  routes.add('GET', PAGE_PATHS.health, async () =>
    (await pingDatabase(ctx)) ? jsonResponse(200, { status: 'ok' }) : jsonResponse(503, { status: 'unavailable' }),
  );
}

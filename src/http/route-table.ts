import type { EventHandler, H3, Middleware } from 'h3';

// Routes are added through this table so that an unmatched request can be told apart:
// a known path with another method is a 405 (with Allow), anything else a 404.

export type Method = 'GET' | 'POST';

export interface RouteTable {
  add(method: Method, path: string, handler: EventHandler, middleware?: Middleware[]): void;
  /** The methods `pathname` answers to (GET implies HEAD), or undefined for an unknown path. */
  allowedMethods(pathname: string): readonly string[] | undefined;
}

function normalizePath(pathname: string): string {
  return pathname.length > 1 ? pathname.replace(/\/+$/, '') : pathname;
}

export function createRouteTable(app: H3): RouteTable {
  const methods = new Map<string, string[]>();
  return {
    add(method, path, handler, middleware) {
      app.on(method, path, handler, middleware ? { middleware } : undefined);
      const known = methods.get(path) ?? [];
      known.push(...(method === 'GET' ? ['GET', 'HEAD'] : [method]));
      methods.set(path, known);
    },
    allowedMethods(pathname) {
      return methods.get(normalizePath(pathname));
    },
  };
}

import { afterAll } from 'vitest';
import { connectServer, type Database } from '../../src/db/client.js';

export type SwitchableDb = Database & { down: boolean; broken: boolean };

/**
 * `db`, or while `down` is set a server that refuses connections (real driver errors, as when the
 * database is down), or while `broken` is set a plain bug. Call at a test file's top level.
 */
export function useSwitchableDb(db: () => Database): () => SwitchableDb {
  const deadDb = connectServer('postgres://postgres@127.0.0.1:9/zdl', { max: 1 });
  afterAll(() => deadDb.close());
  return () => {
    const state = { down: false, broken: false };
    return Object.assign(state, {
      kind: db().kind,
      location: db().location,
      transaction<T>(fn: Parameters<Database['transaction']>[0]): Promise<T> {
        if (state.broken)
          return Promise.reject(new Error('relation "zdl.secrets" does not exist\n    at Parser.parse (pg.js:1:1)'));
        return (state.down ? deadDb : db()).transaction(fn) as Promise<T>;
      },
      close: async () => {},
    });
  };
}

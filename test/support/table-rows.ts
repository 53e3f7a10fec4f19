import type { Database } from '../../src/db/client.js';

/** Every row of every zdl table (migrations aside), as to_json text in primary-key order, in UTC. */
export async function readAllRows(db: Database): Promise<Record<string, string[]>> {
  return db.transaction(async (tx) => {
    await tx`set local timezone to 'UTC'`;
    const tables = await tx<{ name: string }[]>`
      select tablename::text as name from pg_tables
      where schemaname = 'zdl' and tablename <> 'schema_migrations' order by tablename`;
    const rows: Record<string, string[]> = {};
    for (const { name } of tables) {
      const lines = await tx<{ line: string }[]>`
        select to_json(t)::text as line from ${tx(`zdl.${name}`)} t order by 1`;
      rows[name] = lines.map((row) => row.line);
    }
    return rows;
  });
}

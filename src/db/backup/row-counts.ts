import type { Sql } from '../client.js';
import { type CatalogTable, qualified, readCatalog } from './catalog.js';

export interface TableCount {
  name: string;
  rows: number;
}

export async function countTableRows(sql: Sql, tables: CatalogTable[]): Promise<TableCount[]> {
  const counts: TableCount[] = [];
  for (const table of tables) {
    const [row] = await sql<{ n: number }[]>`select count(*)::int as n from ${sql(qualified(table.name))}`;
    counts.push({ name: table.name, rows: row?.n ?? 0 });
  }
  return counts;
}

/** Rows in each table of the `zdl` schema (migrations aside): all zero means an empty database. */
export async function countRows(sql: Sql): Promise<TableCount[]> {
  return countTableRows(sql, await readCatalog(sql));
}

export const totalRows = (counts: TableCount[]) => counts.reduce((sum, count) => sum + count.rows, 0);

/** « personnes 3, accounts 1 » for messages. */
export const describeCounts = (counts: TableCount[]) =>
  counts
    .filter((count) => count.rows > 0)
    .map((count) => `${count.name} ${count.rows}`)
    .join(', ');

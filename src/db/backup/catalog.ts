import type { Sql } from '../client.js';

// The tables of the `zdl` schema as the database itself describes them, so that a backup follows
// whatever migrations have made of the schema instead of a list kept by hand here.

export interface CatalogTable {
  name: string;
  /** Insertable columns (generated columns excluded), in table order. */
  columns: string[];
  primaryKey: string[];
  identity: { column: string; lastValue: number | null } | null;
  /** Other zdl tables this one has foreign keys to. */
  references: string[];
  hasUserTriggers: boolean;
}

interface CatalogRow {
  name: string;
  columns: string[];
  primary_key: string[];
  identity_column: string | null;
  identity_last_value: string | null;
  references: string[];
  has_user_triggers: boolean;
}

// json_agg rather than arrays: the embedded connection does not fetch array types.
// schema_migrations is not data: the target gets its own rows by running the migrations.
async function queryCatalog(sql: Sql): Promise<CatalogRow[]> {
  return sql<CatalogRow[]>`
    select c.relname::text as name,
      (select coalesce(json_agg(a.attname::text order by a.attnum), '[]')
         from pg_attribute a
        where a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped and a.attgenerated = '') as columns,
      (select coalesce(json_agg(a.attname::text order by array_position(i.indkey::int2[], a.attnum)), '[]')
         from pg_index i join pg_attribute a on a.attrelid = i.indrelid and a.attnum = any(i.indkey)
        where i.indrelid = c.oid and i.indisprimary) as primary_key,
      ident.attname::text as identity_column,
      pg_sequence_last_value(pg_get_serial_sequence(format('%I.%I', n.nspname, c.relname), ident.attname))::text
        as identity_last_value,
      (select coalesce(json_agg(distinct r.relname::text), '[]')
         from pg_constraint f join pg_class r on r.oid = f.confrelid
        where f.conrelid = c.oid and f.contype = 'f' and f.confrelid <> c.oid) as references,
      exists (select 1 from pg_trigger g where g.tgrelid = c.oid and not g.tgisinternal) as has_user_triggers
    from pg_class c
    join pg_namespace n on n.oid = c.relnamespace
    left join pg_attribute ident on ident.attrelid = c.oid and ident.attidentity <> '' and not ident.attisdropped
    where n.nspname = 'zdl' and c.relkind in ('r', 'p') and c.relname <> 'schema_migrations'
    order by c.relname`;
}

/** Referenced tables before the tables that reference them, so inserts never break a foreign key. */
function sortByReferences(tables: CatalogTable[]): CatalogTable[] {
  const byName = new Map(tables.map((table) => [table.name, table]));
  const sorted: CatalogTable[] = [];
  const visiting = new Set<string>();
  const visit = (table: CatalogTable) => {
    if (sorted.includes(table) || visiting.has(table.name)) return;
    visiting.add(table.name);
    for (const name of table.references) {
      const referenced = byName.get(name);
      if (referenced) visit(referenced);
    }
    sorted.push(table);
  };
  for (const table of tables) visit(table);
  return sorted;
}

export async function readCatalog(sql: Sql): Promise<CatalogTable[]> {
  const rows = await queryCatalog(sql);
  return sortByReferences(
    rows.map((row) => ({
      name: row.name,
      columns: row.columns,
      primaryKey: row.primary_key,
      identity: row.identity_column
        ? {
            column: row.identity_column,
            lastValue: row.identity_last_value === null ? null : Number(row.identity_last_value),
          }
        : null,
      references: row.references,
      hasUserTriggers: row.has_user_triggers,
    })),
  );
}

/** `zdl.<name>` for postgres.js' identifier escaping (which splits on the dot). */
export const qualified = (name: string) => `zdl.${name}`;

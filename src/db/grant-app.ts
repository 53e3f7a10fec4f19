import { ZdlError } from '../errors.js';
import type { Database, Sql } from './client.js';
import { MIGRATIONS_LOCK_KEY } from './locks.js';

// What the association's application may touch (docs/sign-in.md): the sign-in read model and
// the compare-and-swap re-hash, nothing else — no invitations, resets, audit or e-mail log, no
// write to a table (OWASP ASVS 5 §13.2.2: least privilege for backend service accounts).
const APP_VIEW = 'zdl.sign_in_accounts';
const APP_FUNCTION = 'zdl.rehash_password(integer, text, text)';

export interface AppGrant {
  role: string;
  /** What this run added; empty when the role already had it all (idempotent). */
  granted: string[];
  /** Everything the role holds in zdl after this run. */
  privileges: string[];
  /** A superuser bypasses every grant: the restriction means nothing for it. */
  superuser: boolean;
  /** Other zdl tables the role can read or write (granted by hand earlier): least privilege is broken. */
  beyond: string[];
}

const PRIVILEGES = [
  {
    name: 'USAGE on schema zdl',
    check: (sql: Sql, role: string) => sql`has_schema_privilege(${role}, 'zdl', 'USAGE')`,
  },
  {
    name: `SELECT on ${APP_VIEW}`,
    check: (sql: Sql, role: string) => sql`has_table_privilege(${role}, ${APP_VIEW}, 'SELECT')`,
  },
  {
    name: `EXECUTE on ${APP_FUNCTION}`,
    check: (sql: Sql, role: string) => sql`has_function_privilege(${role}, ${APP_FUNCTION}, 'EXECUTE')`,
  },
] as const;

/** The embedded database has one user for everything: there is no role to restrict. */
export function assertRolesSupported(database: Pick<Database, 'kind'>): void {
  if (database.kind === 'embedded') {
    throw new ZdlError(
      'ROLES_UNSUPPORTED',
      'usage',
      "La base intégrée n'a qu'un seul utilisateur : elle ne peut pas donner un accès restreint à une application. " +
        'Utilisez un serveur PostgreSQL (DATABASE_URL) pour relier une application.',
    );
  }
}

async function readHeld(sql: Sql, role: string): Promise<string[]> {
  const held: string[] = [];
  for (const privilege of PRIVILEGES) {
    const [row] = await sql<{ held: boolean }[]>`select ${privilege.check(sql, role)} as held`;
    if (row?.held) held.push(privilege.name);
  }
  return held;
}

/** zdl's tables and views other than the sign-in view on which the role holds any privilege. */
async function readBeyond(sql: Sql, role: string): Promise<string[]> {
  const rows = await sql<{ name: string }[]>`
    select 'zdl.' || c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
    where n.nspname = 'zdl' and c.relkind in ('r', 'v', 'm', 'p') and c.relname <> 'sign_in_accounts'
      and has_table_privilege(${role}, c.oid, 'SELECT, INSERT, UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER')
    order by c.relname`;
  return rows.map((row) => row.name);
}

/** Grants an existing database role read access to the sign-in view and the re-hash function. */
export async function grantAppAccess(sql: Sql, role: string): Promise<AppGrant> {
  const [found] = await sql<{ rolsuper: boolean }[]>`select rolsuper from pg_roles where rolname = ${role}`;
  if (!found) {
    throw new ZdlError(
      'ROLE_NOT_FOUND',
      'not_found',
      `Le rôle PostgreSQL « ${role} » n'existe pas. Créez-le d'abord (voir docs/sign-in.md), puis relancez la commande.`,
    );
  }
  // Concurrent GRANTs on one object fail with "tuple concurrently updated"; a migration may be
  // replacing the view: one at a time, under the migrations' transaction-scoped lock.
  await sql`select pg_advisory_xact_lock(${MIGRATIONS_LOCK_KEY})`;
  const before = await readHeld(sql, role);
  await sql`grant usage on schema zdl to ${sql(role)}`;
  await sql`grant select on zdl.sign_in_accounts to ${sql(role)}`;
  await sql`grant execute on function zdl.rehash_password(integer, text, text) to ${sql(role)}`;
  const privileges = await readHeld(sql, role);
  const granted = privileges.filter((name) => !before.includes(name));
  const beyond = found.rolsuper ? [] : await readBeyond(sql, role);
  return { role, granted, privileges, superuser: found.rolsuper, beyond };
}

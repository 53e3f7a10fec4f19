import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { serverAdminUrl } from './database.js';

export interface AppRole {
  name: string;
  /** The role's own connection URL to `databaseUrl`, with its password. */
  url: string;
  /** Revokes what it was granted in that database, then drops the role (roles are cluster-wide). */
  drop(): Promise<void>;
}

/** A LOGIN role with no privilege, named at random: what an admin creates for the application. */
export async function createAppRole(databaseUrl: string): Promise<AppRole> {
  const name = `zdl_app_${randomBytes(5).toString('hex')}`;
  const password = randomBytes(18).toString('base64url');
  const admin = postgres(serverAdminUrl(), { max: 1, onnotice: () => {} });
  try {
    await admin`create role ${admin(name)} login password ${admin.unsafe(`'${password}'`)}`;
  } finally {
    await admin.end();
  }
  const url = new URL(databaseUrl);
  url.username = name;
  url.password = password;
  return {
    name,
    url: url.toString(),
    drop: async () => {
      const sql = postgres(databaseUrl, { max: 1, onnotice: () => {} });
      try {
        await sql`drop owned by ${sql(name)}`;
        await sql`drop role ${sql(name)}`;
      } finally {
        await sql.end();
      }
    },
  };
}

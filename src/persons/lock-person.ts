import type { Sql } from '../db/client.js';

/** For `select … for update` before changing a person's access or invitations. */
export async function lockPerson(sql: Sql, id: number): Promise<void> {
  await sql`select id from zdl.personnes where id = ${id} for update`;
}

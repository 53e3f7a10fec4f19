import type { Sql } from '../db/client.js';
import { isStoredPhone } from './phone.js';

/**
 * How many phone numbers on file are not in E.164: those typed before zdl parsed numbers that
 * migration 008 could not read, kept as typed. For `zdl doctor`: « n numéros à corriger ».
 */
export async function countUnparsedPhones(sql: Sql): Promise<number> {
  const rows = await sql<{ phone: string }[]>`
    select telephone1 as phone from zdl.personnes where telephone1 is not null
    union all
    select telephone2 from zdl.personnes where telephone2 is not null`;
  return rows.filter(({ phone }) => !isStoredPhone(phone)).length;
}

import { listAudit } from '../../../audit/list-audit.js';
import { findPerson } from '../../../persons/person.js';
import type { CommandContext } from '../../context.js';
import { parseLimit, parseSince } from '../../flags.js';
import { formatDateTime } from '../../format.js';

interface AuditOptions {
  person?: string;
  action?: string;
  since?: string;
  limit?: string;
}

function summarize(detail: Record<string, unknown>): string {
  return Object.entries(detail)
    .map(([key, value]) => `${key}=${typeof value === 'object' ? JSON.stringify(value) : String(value)}`)
    .join(' ');
}

export async function run(ctx: CommandContext, _args: string[], options: AuditOptions) {
  const limit = parseLimit(options.limit);
  const since = parseSince(options.since, ctx.clock());
  const db = await ctx.database();
  const rows = await db.transaction(async (tx) => {
    const personId = options.person === undefined ? undefined : (await findPerson(tx, options.person)).id;
    return listAudit(tx, { personneId: personId, action: options.action, since, limit });
  });
  if (ctx.flags.json) return ctx.out.printJson(rows);
  if (rows.length === 0) return ctx.out.info("Aucune entrée dans le journal d'audit pour ces critères.");
  await ctx.out.table(
    ['quand', 'qui', 'action', 'personne', 'détail'],
    rows.map((row) => [formatDateTime(row.at), row.actor, row.action, row.person_id, summarize(row.detail)]),
  );
}

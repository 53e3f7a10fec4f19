import type { Command } from 'commander';
import { defineAction } from '../action.js';
import type { CommandContext, Session } from '../context.js';
import { parseLimit } from '../flags.js';
import { formatDateTime } from '../format.js';

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

async function auditCommand(ctx: CommandContext, options: AuditOptions) {
  const [{ listAudit }, { findPerson }, { parseDuration }] = await Promise.all([
    import('../../audit/list-audit.js'),
    import('../../persons/person.js'),
    import('../../duration.js'),
  ]);
  const limit = options.limit === undefined ? 50 : parseLimit(options.limit);
  const since =
    options.since === undefined ? undefined : new Date(ctx.clock().getTime() - parseDuration(options.since, '--since'));
  const db = await ctx.database();
  const rows = await db.transaction(async (tx) => {
    const personneId = options.person === undefined ? undefined : (await findPerson(tx, options.person)).id;
    return listAudit(tx, { personneId, action: options.action, since, limit });
  });
  if (ctx.flags.json) return ctx.out.printJson(rows);
  if (rows.length === 0) return ctx.out.info("Aucune entrée dans le journal d'audit pour ces critères.");
  await ctx.out.table(
    ['quand', 'qui', 'action', 'personne', 'détail'],
    rows.map((row) => [formatDateTime(row.at), row.actor, row.action, row.person_id, summarize(row.detail)]),
  );
}

export function registerAuditCommand(program: Command, session: Session): void {
  program
    .command('audit')
    .description("lire le journal d'audit (le plus récent d'abord)")
    .option('--person <person>', "identifiant ou e-mail d'une personne")
    .option('--action <action>', 'par exemple invite ou invite.issued')
    .option('--since <durée>', 'depuis : 90s, 30m, 12h, 7d')
    .option('--limit <n>', 'nombre de lignes (défaut 50)')
    .action(defineAction<AuditOptions>(session, (ctx, _args, options) => auditCommand(ctx, options)));
}

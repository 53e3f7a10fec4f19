import { countAudit, listAudit } from '../../../audit/list-audit.js';
import { findPerson } from '../../../persons/person.js';
import { describeAction, describeDetail } from '../../audit-labels.js';
import type { CommandContext } from '../../context.js';
import { parseSince } from '../../flags.js';
import { formatDateTime } from '../../format.js';
import { parseWindow, reportHidden, type WindowOptions } from '../../list-window.js';

interface AuditOptions extends WindowOptions {
  person?: string;
  action?: string;
  since?: string;
}

export async function run(ctx: CommandContext, _args: string[], options: AuditOptions) {
  const limit = parseWindow(options);
  const since = parseSince(options.since, ctx.clock());
  const db = await ctx.database({ create: false });
  const { rows, total } = await db.transaction(
    async (tx) => {
      const personId = options.person === undefined ? undefined : (await findPerson(tx, options.person)).id;
      const filter = { personId: personId, action: options.action, since, limit };
      return { rows: await listAudit(tx, filter), total: await countAudit(tx, filter) };
    },
    { readOnly: true },
  );
  if (ctx.flags.json) return ctx.out.printJson(rows);
  if (rows.length === 0) return ctx.out.info("Aucune entrée dans le journal d'audit pour ces critères.");
  await ctx.out.table(
    [
      { title: 'quand' },
      { title: 'qui', shrink: true },
      { title: 'action', shrink: true },
      { title: 'personne', drop: 1 },
      { title: 'détail', shrink: true },
    ],
    rows.map((row) => [
      formatDateTime(row.at),
      row.actor,
      describeAction(row.action),
      row.person_id,
      describeDetail(row.detail),
    ]),
  );
  reportHidden(ctx, total - rows.length, ['entrée', 'entrées'], 'plus anciennes');
}

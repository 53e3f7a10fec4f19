import { countEmailLog, listEmailLog } from '../../../mail/log.js';
import { findPerson } from '../../../persons/person.js';
import type { CommandContext } from '../../context.js';
import { formatDateTime } from '../../format.js';
import { parseWindow, reportHidden, type WindowOptions } from '../../list-window.js';

const STATUS_LABELS = { sent: 'envoyé', failed: 'échec', outbox: 'boîte locale' } as const;

export async function run(ctx: CommandContext, _args: string[], options: WindowOptions & { person?: string }) {
  const limit = parseWindow(options);
  const db = await ctx.database({ create: false });
  const { rows, total } = await db.transaction(
    async (tx) => {
      const personId = options.person === undefined ? undefined : (await findPerson(tx, options.person)).id;
      return {
        rows: await listEmailLog(tx, { personId: personId, limit }),
        total: await countEmailLog(tx, { personId: personId }),
      };
    },
    { readOnly: true },
  );
  if (ctx.flags.json) return ctx.out.printJson(rows);
  if (rows.length === 0) return ctx.out.info('Aucun e-mail dans le journal.');
  await ctx.out.table(
    [
      { title: 'quand' },
      { title: 'à', shrink: true },
      { title: 'modèle', drop: 3 },
      { title: 'état' },
      { title: 'essai', drop: 1 },
      { title: 'id MailerSend', drop: 2, shrink: true },
      { title: 'erreur', shrink: true },
    ],
    rows.map((r) => [
      formatDateTime(r.at),
      r.to,
      r.template,
      STATUS_LABELS[r.status],
      r.attempt,
      r.provider_message_id,
      r.error,
    ]),
  );
  reportHidden(ctx, total - rows.length, ['e-mail', 'e-mails'], 'plus anciens');
}

import { listEmailLog } from '../../../mail/log.js';
import { findPerson } from '../../../persons/person.js';
import type { CommandContext } from '../../context.js';
import { parseLimit } from '../../flags.js';
import { formatDateTime } from '../../format.js';

const STATUS_LABELS = { sent: 'envoyé', failed: 'échec', outbox: 'boîte locale' } as const;

export async function run(ctx: CommandContext, _args: string[], options: { person?: string; limit?: string }) {
  const limit = parseLimit(options.limit);
  const db = await ctx.database();
  const rows = await db.transaction(async (tx) => {
    const personId = options.person === undefined ? undefined : (await findPerson(tx, options.person)).id;
    return listEmailLog(tx, { personneId: personId, limit });
  });
  if (ctx.flags.json) return ctx.out.printJson(rows);
  if (rows.length === 0) return ctx.out.info('Aucun e-mail dans le journal.');
  await ctx.out.table(
    ['quand', 'à', 'modèle', 'état', 'essai', 'id MailerSend', 'erreur'],
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
}

import { purgeInvites } from '../../../invites/purge-invites.js';
import type { CommandContext } from '../../context.js';
import { countOf } from '../../plural.js';

export async function run(ctx: CommandContext, _args: string[], options: { dryRun?: boolean }) {
  const db = await ctx.database();
  const at = ctx.clock();
  const result = await db.transaction((tx) => purgeInvites(tx, { actor: ctx.actor, now: at, dryRun: options.dryRun }), {
    timeoutMs: null, // a first purge may delete a million rows
  });
  if (ctx.flags.json) {
    // One line, the same keys every run: cron appends it to a log file (`>> purge.log`).
    ctx.out.data(
      JSON.stringify({
        at: at.toISOString(),
        purged: result.purged,
        dry_run: options.dryRun === true,
        ran: result.ran,
        pending_activations: result.pendingPurged,
      }),
    );
  }
  const purged = countOf(result.purged, 'invitation', 'invitations');
  if (!result.ran) ctx.out.info('Une autre purge est en cours : rien à faire ici.');
  else if (options.dryRun)
    ctx.out.info(`${purged} ${result.purged < 2 ? 'serait supprimée' : 'seraient supprimées'} (--dry-run).`);
  else
    ctx.out.info(
      `${purged} ${result.purged < 2 ? 'expirée ou révoquée supprimée' : 'expirées ou révoquées supprimées'}.`,
    );
  if (result.ran && result.pendingPurged > 0) {
    const n = result.pendingPurged;
    const pending = countOf(n, 'activation en attente de confirmation', 'activations en attente de confirmation');
    const verb = options.dryRun
      ? n < 2
        ? 'serait supprimée'
        : 'seraient supprimées'
      : n < 2
        ? 'supprimée'
        : 'supprimées';
    ctx.out.info(`${pending} (expirée, remplacée ou invitation plus valable) ${verb}.`);
  }
}

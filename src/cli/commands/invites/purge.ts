import { purgeInvites } from '../../../invites/purge-invites.js';
import type { CommandContext } from '../../context.js';

export async function run(ctx: CommandContext, _args: string[], options: { dryRun?: boolean }) {
  const db = await ctx.database();
  const result = await db.transaction((tx) =>
    purgeInvites(tx, { actor: ctx.actor, now: ctx.clock(), dryRun: options.dryRun }),
  );
  if (ctx.flags.json) ctx.out.printJson({ purged: result.purged, ...(options.dryRun ? { dry_run: true } : {}) });
  if (!result.ran) ctx.out.info('Une autre purge est en cours : rien à faire ici.');
  else if (options.dryRun) ctx.out.info(`${result.purged} invitation(s) seraient supprimées (--dry-run).`);
  else ctx.out.info(`${result.purged} invitation(s) expirée(s) ou révoquée(s) supprimée(s).`);
}

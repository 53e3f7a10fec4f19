import { applyPendingMigrations } from '../../../db/migrations.js';
import type { CommandContext } from '../../context.js';

export async function run(ctx: CommandContext): Promise<void> {
  const database = await ctx.database({ checkMigrations: false });
  const applied = await applyPendingMigrations(database);
  if (ctx.flags.json) ctx.out.printJson({ applied });
  if (applied.length === 0) ctx.out.info(`Base à jour (${database.location}) : aucune migration en attente.`);
  else ctx.out.success(`${applied.length} migration(s) appliquée(s) sur ${database.location} : ${applied.join(', ')}`);
}

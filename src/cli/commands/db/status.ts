import { readMigrationStatus } from '../../../db/migrations.js';
import type { CommandContext } from '../../context.js';
import { formatDateTime } from '../../format.js';

const STATE_LABELS = { applied: 'appliquée', pending: 'en attente', changed: 'MODIFIÉE depuis son application' };

export async function run(ctx: CommandContext): Promise<void> {
  const database = await ctx.database({ checkMigrations: false, create: false });
  const statuses = await readMigrationStatus(database);
  if (ctx.flags.json) {
    ctx.out.printJson({ database: database.kind, location: database.location, migrations: statuses });
  } else {
    ctx.out.info(`Base : ${database.location} (${database.kind === 'embedded' ? 'intégrée' : 'serveur'})`);
    await ctx.out.table(
      ['version', 'nom', 'état', 'appliquée le'],
      statuses.map((s) => [s.version, s.name, STATE_LABELS[s.state], formatDateTime(s.applied_at)]),
    );
  }
  if (statuses.some((s) => s.state === 'changed')) {
    ctx.out.error('une migration appliquée a été modifiée : ne modifiez jamais une migration appliquée.');
    ctx.setExitCode(1);
  }
}

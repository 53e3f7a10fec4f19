import type { Command } from 'commander';
import { defineAction } from '../action.js';
import type { Session } from '../context.js';
import { formatDateTime } from '../format.js';

const STATE_LABELS = { applied: 'appliquée', pending: 'en attente', changed: 'MODIFIÉE depuis son application' };

export function registerDbCommands(program: Command, session: Session): void {
  const db = program.command('db').description('base de données : migrations et état');

  db.command('migrate')
    .description('appliquer les migrations en attente (sans effet si tout est à jour)')
    .action(
      defineAction(session, async (ctx) => {
        const database = await ctx.database({ checkMigrations: false });
        const { applyPendingMigrations } = await import('../../db/migrations.js');
        const applied = await applyPendingMigrations(database);
        if (ctx.flags.json) ctx.out.printJson({ applied });
        if (applied.length === 0) ctx.out.info(`Base à jour (${database.location}) : aucune migration en attente.`);
        else
          ctx.out.success(
            `${applied.length} migration(s) appliquée(s) sur ${database.location} : ${applied.join(', ')}`,
          );
      }),
    );

  db.command('status')
    .description('lister les migrations appliquées et en attente')
    .action(
      defineAction(session, async (ctx) => {
        const database = await ctx.database({ checkMigrations: false });
        const { readMigrationStatus } = await import('../../db/migrations.js');
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
      }),
    );
}

import type { Command } from 'commander';
import { lazyAction } from '../action.js';
import type { Session } from '../context.js';

export function registerDbCommands(program: Command, session: Session): void {
  const db = program.command('db').description('base de données : migrations et état');

  db.command('migrate')
    .description('appliquer les migrations en attente (sans effet si tout est à jour)')
    .action(lazyAction(session, () => import('./db/migrate.js')));

  db.command('status')
    .description('lister les migrations appliquées et en attente')
    .action(lazyAction(session, () => import('./db/status.js')));
}

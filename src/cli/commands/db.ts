import type { Command } from 'commander';
import { lazyAction } from '../action.js';
import type { Session } from '../context.js';
import { examples } from '../help.js';

export function registerDbCommands(program: Command, session: Session): void {
  const db = program.command('db').description('base de données : migrations, sauvegarde, déménagement');

  db.command('migrate')
    .description('appliquer les migrations en attente (sans effet si tout est à jour)')
    .addHelpText('after', examples('zdl db migrate', 'DATABASE_URL=postgres://zdl@db.example.org/zdl zdl db migrate'))
    .action(lazyAction(session, () => import('./db/migrate.js')));

  db.command('status')
    .description('lister les migrations appliquées et en attente')
    .addHelpText('after', examples('zdl db status', 'zdl db status --json'))
    .action(lazyAction(session, () => import('./db/status.js')));

  db.command('backup <file>')
    .description('sauvegarder toutes les données dans un fichier (cohérent, sans arrêter zdl serve)')
    .option('--force', 'remplacer le fichier s’il existe déjà')
    .action(lazyAction(session, () => import('./db/backup.js')));

  db.command('restore <file>')
    .description('restaurer une sauvegarde dans une base vide (intégrée ou serveur)')
    .option('--force', 'remplacer le contenu d’une base non vide (demande confirmation, ou --yes)')
    .action(lazyAction(session, () => import('./db/restore.js')));

  db.command('move-to <database-url>')
    .description('copier toutes les données vers un serveur PostgreSQL vide (version 14 ou plus)')
    .action(lazyAction(session, () => import('./db/move-to.js')));

  db.command('grant-app')
    .argument('<role>', 'rôle PostgreSQL existant de l’application')
    .description(
      'donner à un rôle l’accès minimal de connexion : lecture de zdl.sign_in_accounts (voir docs/sign-in.md)',
    )
    .action(lazyAction(session, () => import('./db/grant-app.js')));
}

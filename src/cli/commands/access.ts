import type { Command } from 'commander';
import { lazyAction } from '../action.js';
import type { Session } from '../context.js';

export function registerAccessCommands(program: Command, session: Session): void {
  const access = program.command('access').description("accès d'une personne : révoquer, rétablir");
  access
    .command('revoke <person>')
    .description('révoquer un accès : plus d’activation, de connexion ni de réinitialisation (demande confirmation)')
    .action(lazyAction(session, () => import('./access/revoke.js')));
  access
    .command('restore <person>')
    .description('rétablir un accès révoqué')
    .action(lazyAction(session, () => import('./access/restore.js')));
}

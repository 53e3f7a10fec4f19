import type { Command } from 'commander';
import { lazyAction } from '../action.js';
import type { Session } from '../context.js';
import { examples } from '../help.js';

export function registerAccessCommands(program: Command, session: Session): void {
  const access = program.command('access').description("accès d'une personne : révoquer, rétablir");
  access
    .command('revoke <personne>')
    .description('révoquer un accès : plus d’activation, de connexion ni de réinitialisation (demande confirmation)')
    .addHelpText('after', examples('zdl access revoke 12', 'zdl access revoke lea@example.org --yes'))
    .action(lazyAction(session, () => import('./access/revoke.js')));
  access
    .command('restore <personne>')
    .description('rétablir un accès révoqué')
    .addHelpText('after', examples('zdl access restore 12'))
    .action(lazyAction(session, () => import('./access/restore.js')));
}

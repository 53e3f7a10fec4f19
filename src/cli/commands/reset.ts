import type { Command } from 'commander';
import { lazyAction } from '../action.js';
import type { Session } from '../context.js';
import { examples } from '../help.js';

export function registerResetCommands(program: Command, session: Session): void {
  const reset = program.command('reset').description('mots de passe : réinitialisation');
  reset
    .command('send <personne>')
    .description("envoyer l'e-mail de réinitialisation (lien + code, 20 minutes) à une personne")
    .addHelpText('after', examples('zdl reset send 12', 'zdl reset send lea@example.org'))
    .action(lazyAction(session, () => import('./reset/send.js')));
  reset
    .command('unlock <personne>')
    .description('débloquer la réinitialisation après 100 codes erronés (à faire une fois le compte contrôlé)')
    .addHelpText('after', examples('zdl reset unlock 12', 'zdl reset unlock lea@example.org'))
    .action(lazyAction(session, () => import('./reset/unlock.js')));
}

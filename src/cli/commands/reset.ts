import type { Command } from 'commander';
import { lazyAction } from '../action.js';
import type { Session } from '../context.js';

export function registerResetCommands(program: Command, session: Session): void {
  const reset = program.command('reset').description('mots de passe : réinitialisation');
  reset
    .command('send <person>')
    .description("envoyer l'e-mail de réinitialisation (lien + code, 20 minutes) à une personne")
    .action(lazyAction(session, () => import('./reset/send.js')));
}

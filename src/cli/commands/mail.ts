import type { Command } from 'commander';
import { lazyAction } from '../action.js';
import type { Session } from '../context.js';
import { examples } from '../help.js';

export function registerMailCommands(program: Command, session: Session): void {
  const mail = program.command('mail').description('e-mails : test d’envoi, journal');
  mail
    .command('test <adresse>')
    .description('envoyer un e-mail de test (vérifie MailerSend ou la boîte locale)')
    .addHelpText('after', examples('zdl mail test moi@example.org'))
    .action(lazyAction(session, () => import('./mail/test.js')));
  mail
    .command('log')
    .description('journal des envois (jamais le contenu)')
    .option('--person <personne>', "identifiant ou e-mail d'une personne")
    .option('--limit <n>', 'nombre d’envois, les plus récents (par défaut : 50, 1000 au plus)')
    .option('--all', 'tous les envois')
    .addHelpText('after', examples('zdl mail log', 'zdl mail log --person lea@example.org'))
    .action(lazyAction(session, () => import('./mail/log.js')));
}

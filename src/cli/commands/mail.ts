import type { Command } from 'commander';
import { lazyAction } from '../action.js';
import type { Session } from '../context.js';

export function registerMailCommands(program: Command, session: Session): void {
  const mail = program.command('mail').description('e-mails : test d’envoi, journal');
  mail
    .command('test <adresse>')
    .description('envoyer un e-mail de test (vérifie MailerSend ou la boîte locale)')
    .action(lazyAction(session, () => import('./mail/test.js')));
  mail
    .command('log')
    .description('journal des envois (jamais le contenu)')
    .option('--person <person>', "identifiant ou e-mail d'une personne")
    .option('--limit <n>', 'nombre de lignes (défaut 50)')
    .action(lazyAction(session, () => import('./mail/log.js')));
}

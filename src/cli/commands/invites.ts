import type { Command } from 'commander';
import { lazyAction } from '../action.js';
import type { Session } from '../context.js';

export function registerInvitesCommands(program: Command, session: Session): void {
  const invites = program.command('invites').description("codes d'invitation : créer, lister, révoquer, purger");

  invites
    .command('issue <person>')
    .description('créer un code pour une personne (révoque ses codes précédents)')
    .option('--expires <durée>', 'validité : 90s, 30m, 12h, 7d (défaut 7d)')
    .option('--send', "envoyer l'invitation par e-mail")
    .option('--qr', 'afficher le QR code du lien (terminal)')
    .option('--no-qr', 'ne pas afficher le QR code du lien')
    .action(lazyAction(session, () => import('./invites/issue.js')));

  invites
    .command('list')
    .description('lister les invitations (jamais les codes)')
    .option('--status <état>', 'pending (défaut), used, expired, revoked ou all')
    .option('--person <person>', "identifiant ou e-mail d'une personne")
    .action(lazyAction(session, () => import('./invites/list.js')));

  invites
    .command('revoke <invite-id>')
    .description('révoquer une invitation en attente')
    .action(lazyAction(session, () => import('./invites/revoke.js')));

  invites
    .command('purge')
    .description('supprimer les invitations expirées ou révoquées jamais utilisées (pour cron)')
    .option('--dry-run', 'compter seulement')
    .action(lazyAction(session, () => import('./invites/purge.js')));

  invites
    .command('cards [person...]')
    .description('imprimer des cartes d’invitation (PDF A4) : un nouveau code par personne, avec son QR code')
    .option('--out <fichier.pdf>', 'fichier PDF à écrire (lisible par vous seul)')
    .option('--all-without-access', 'toutes les personnes sans accès (aucun ou invitation en cours)')
    .option('--expires <durée>', 'validité : 90s, 30m, 12h, 7d (défaut 7d)')
    .option('--force', 'remplacer le fichier s’il existe')
    .option('--show-codes', 'avec --json : inclure les codes')
    .action(lazyAction(session, () => import('./invites/cards.js')));

  invites
    .command('resend <person>')
    .description('révoquer le code en cours et envoyer un nouveau code par e-mail')
    .option('--expires <durée>', 'validité : 90s, 30m, 12h, 7d (défaut 7d)')
    .action(lazyAction(session, () => import('./invites/resend.js')));
}

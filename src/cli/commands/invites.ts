import type { Command } from 'commander';
import { lazyAction } from '../action.js';
import type { Session } from '../context.js';
import { examples } from '../help.js';

export function registerInvitesCommands(program: Command, session: Session): void {
  const invites = program.command('invites').description("codes d'invitation : créer, lister, révoquer, purger");

  invites
    .command('issue <personne>')
    .description('créer un code pour une personne (révoque ses codes précédents)')
    .option('--expires <durée>', 'validité : 90s, 30m, 12h, 7d (par défaut : 7d)')
    .option('--send', "envoyer l'invitation par e-mail")
    .option('--qr', 'afficher le QR code du lien (terminal)')
    .option('--no-qr', 'ne pas afficher le QR code du lien')
    .addHelpText('after', examples('zdl invites issue 12 --send', 'zdl invites issue lea@example.org --expires 48h'))
    .action(lazyAction(session, () => import('./invites/issue.js')));

  invites
    .command('list')
    .description('lister les invitations (jamais les codes)')
    .option(
      '--status <état>',
      '« en attente » (par défaut), utilisée, expirée, révoquée ou tous (ou pending, used, expired, revoked, all)',
    )
    .option('--person <personne>', "identifiant ou e-mail d'une personne")
    .option('--limit <n>', 'nombre d’invitations, les plus récentes (par défaut : 50)')
    .option('--all', 'toutes les invitations')
    .addHelpText(
      'after',
      examples(
        'zdl invites list',
        'zdl invites list --status expirée --all',
        'zdl invites list --person lea@example.org --status tous',
      ),
    )
    .action(lazyAction(session, () => import('./invites/list.js')));

  invites
    .command('revoke <invitation>')
    .description('révoquer une invitation en attente (<invitation> : son numéro, voir « zdl invites list »)')
    .addHelpText('after', examples('zdl invites revoke 34'))
    .action(lazyAction(session, () => import('./invites/revoke.js')));

  invites
    .command('purge')
    .description('supprimer les invitations expirées ou révoquées jamais utilisées (pour cron)')
    .option('--dry-run', 'compter seulement')
    .addHelpText(
      'after',
      examples('zdl invites purge --dry-run', 'zdl invites purge --json >> /var/log/zdl-purge.log   (cron)'),
    )
    .action(lazyAction(session, () => import('./invites/purge.js')));

  invites
    .command('cards [personne...]')
    .description('imprimer des cartes d’invitation (PDF A4) : un nouveau code par personne, avec son QR code')
    .option('--out <fichier.pdf>', 'fichier PDF à écrire (lisible par vous seul)')
    .option('--all-without-access', 'toutes les personnes sans accès (aucun ou invitation en cours)')
    .option('--expires <durée>', 'validité : 90s, 30m, 12h, 7d (par défaut : 7d)')
    .option('--force', 'remplacer le fichier s’il existe')
    .option('--show-codes', 'avec --json : inclure les codes')
    .addHelpText(
      'after',
      examples('zdl invites cards 12 14 --out cartes.pdf', 'zdl invites cards --all-without-access --out cartes.pdf'),
    )
    .action(lazyAction(session, () => import('./invites/cards.js')));

  invites
    .command('resend <personne>')
    .description('révoquer le code en cours et envoyer un nouveau code par e-mail')
    .option('--expires <durée>', 'validité : 90s, 30m, 12h, 7d (par défaut : 7d)')
    .addHelpText('after', examples('zdl invites resend 12', 'zdl invites resend lea@example.org --expires 3d'))
    .action(lazyAction(session, () => import('./invites/resend.js')));
}

import type { Command } from 'commander';
import { lazyAction } from '../action.js';
import type { Session } from '../context.js';

export function registerPersonsCommands(program: Command, session: Session): void {
  const persons = program.command('persons').description('personnes (fiches) : créer, lister, modifier, importer');

  persons
    .command('add')
    .description('créer une personne, avec une invitation si --invite')
    .option('--nom <nom>', 'nom de famille')
    .option('--prenom <prenom>', 'prénom')
    .option('--tel1 <téléphone>', 'téléphone principal')
    .option('--tel2 <téléphone>', 'second téléphone')
    .option('--email <adresse>', 'adresse e-mail')
    .option('--role <rôle>', 'administrateur, employe ou benevole (par défaut)')
    .option('--invite', "créer aussi un code d'invitation (affiché une seule fois)")
    .option('--expires <durée>', "validité de l'invitation : 90s, 30m, 12h, 7d (défaut 7d)")
    .option('--send', "envoyer l'invitation par e-mail (avec --invite)")
    .option('--qr', 'afficher le QR code du lien (terminal)')
    .option('--no-qr', 'ne pas afficher le QR code du lien')
    .action(lazyAction(session, () => import('./persons/add.js')));

  persons
    .command('list')
    .description('lister les personnes et leur accès')
    .option('--role <rôle>', 'administrateur, employe ou benevole')
    .option('--search <texte>', 'filtrer sur le nom, le prénom ou l’e-mail')
    .option('--access <état>', 'none, invited, active ou revoked')
    .action(lazyAction(session, () => import('./persons/list.js')));

  persons
    .command('show <person>')
    .description('afficher une personne, son accès, ses invitations et son historique')
    .action(lazyAction(session, () => import('./persons/show.js')));

  persons
    .command('edit <person>')
    .description('modifier une personne (<person> : identifiant ou e-mail)')
    .option('--nom <nom>', 'nom de famille')
    .option('--prenom <prenom>', 'prénom')
    .option('--tel1 <téléphone>', 'téléphone principal (vide pour effacer)')
    .option('--tel2 <téléphone>', 'second téléphone (vide pour effacer)')
    .option('--email <adresse>', 'adresse e-mail (vide pour effacer)')
    .option('--role <rôle>', 'administrateur, employe ou benevole')
    .action(lazyAction(session, () => import('./persons/edit.js')));

  persons
    .command('delete <person>')
    .description('supprimer une personne, ses invitations et son accès (demande confirmation)')
    .action(lazyAction(session, () => import('./persons/delete.js')));

  persons
    .command('import <fichier>')
    .description('importer des personnes depuis un CSV (colonnes : nom, prenom, telephone1, telephone2, email, role)')
    .option('--dry-run', 'valider seulement, sans rien importer')
    .option('--invite', 'créer une invitation par personne')
    .option('--expires <durée>', 'validité des invitations : 90s, 30m, 12h, 7d (défaut 7d)')
    .option('--send', 'envoyer chaque invitation par e-mail (avec --invite)')
    .action(lazyAction(session, () => import('./persons/import.js')));
}

import type { Command } from 'commander';
import { lazyAction } from '../action.js';
import type { Session } from '../context.js';
import { examples } from '../help.js';

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
    .addHelpText(
      'after',
      examples(
        'zdl persons add   (sur un terminal : les questions une à une)',
        'zdl persons add --nom Martin --prenom Léa --email lea@example.org --role employé',
        'zdl persons add --nom Martin --prenom Léa --email lea@example.org --invite --send',
      ),
    )
    .action(lazyAction(session, () => import('./persons/add.js')));

  persons
    .command('list')
    .description('lister les personnes et leur accès')
    .option('--role <rôle>', 'administrateur, employe ou benevole')
    .option(
      '--search <texte>',
      'filtrer sur le nom, le prénom, l’e-mail ou le téléphone (sans tenir compte des accents ni des majuscules)',
    )
    .option('--access <état>', 'actif, invité, révoqué ou aucun (ou active, invited, revoked, none)')
    .option('--limit <n>', 'nombre de personnes, les plus récentes (par défaut : 50)')
    .option('--all', 'toutes les personnes')
    .addHelpText(
      'after',
      examples(
        'zdl persons list --access invité',
        'zdl persons list --search helene   (trouve « Hélène Lefèvre »)',
        'zdl persons list --json --all > personnes.json',
      ),
    )
    .action(lazyAction(session, () => import('./persons/list.js')));

  persons
    .command('show <personne>')
    .description(
      'afficher une personne, son accès, ses invitations et son historique (<personne> : identifiant ou e-mail)',
    )
    .addHelpText('after', examples('zdl persons show 12', 'zdl persons show lea@example.org'))
    .action(lazyAction(session, () => import('./persons/show.js')));

  persons
    .command('edit <personne>')
    .description('modifier une personne (<personne> : identifiant ou e-mail)')
    .option('--nom <nom>', 'nom de famille')
    .option('--prenom <prenom>', 'prénom')
    .option('--tel1 <téléphone>', 'téléphone principal (vide pour effacer)')
    .option('--tel2 <téléphone>', 'second téléphone (vide pour effacer)')
    .option('--email <adresse>', 'adresse e-mail (vide pour effacer)')
    .option('--role <rôle>', 'administrateur, employe ou benevole')
    .addHelpText(
      'after',
      examples('zdl persons edit 12 --email lea.martin@example.org', 'zdl persons edit lea@example.org --tel2 ""'),
    )
    .action(lazyAction(session, () => import('./persons/edit.js')));

  persons
    .command('delete <personne>')
    .description('supprimer une personne, ses invitations et son accès (demande confirmation)')
    .addHelpText(
      'after',
      examples('zdl persons delete 12', 'zdl persons delete lea@example.org --yes   (sans question, pour un script)'),
    )
    .action(lazyAction(session, () => import('./persons/delete.js')));

  persons
    .command('import <fichier>')
    .description('importer des personnes depuis un CSV (colonnes : nom, prenom, telephone1, telephone2, email, role)')
    .option('--dry-run', 'valider seulement, sans rien importer')
    .option('--encoding <encodage>', 'utf-8, utf-16 ou windows-1252 (par défaut : détecté, et affiché)')
    .option('--ignore-unknown-columns', 'ignorer les colonnes inconnues au lieu de refuser le fichier')
    .option(
      '--on-existing <choix>',
      'personne déjà présente : fail (refuser, par défaut), skip (laisser) ou update (mettre à jour)',
    )
    .option('--invite', 'créer une invitation par personne')
    .option('--expires <durée>', 'validité des invitations : 90s, 30m, 12h, 7d (défaut 7d)')
    .option('--send', 'envoyer chaque invitation par e-mail (avec --invite)')
    .option('--cards <fichier.pdf>', 'écrire aussi une carte d’invitation par personne, e-mail ou non (avec --invite)')
    .option('--force', 'avec --cards : remplacer le fichier s’il existe')
    .option('--show-codes', 'avec --cards et --json : inclure les codes')
    .addHelpText(
      'after',
      `\nDéjà présente : même e-mail, ou sans e-mail mêmes nom, prénom et téléphone 1.
Réimporter le même fichier est normal : --on-existing skip laisse ces personnes
telles quelles, --on-existing update remplace leurs champs par les cellules non
vides du fichier (une cellule vide n'efface rien). Seules les personnes créées
reçoivent une invitation (--invite) : les autres gardent leur accès et leur
invitation en cours (zdl invites issue au besoin).
Avec --cards, les codes ne sont que sur les cartes (PDF lisible par vous seul). Aucun e-mail
sans --send, comme avec --invite seul ; avec --send, les personnes qui ont une adresse reçoivent
aussi l’e-mail (même code), les autres leur carte seulement.
${examples(
  'zdl persons import benevoles.csv --dry-run',
  'zdl persons import benevoles.csv --on-existing update --invite --send',
  'zdl persons import benevoles.csv --invite --cards cartes.pdf',
)}`,
    )
    .action(lazyAction(session, () => import('./persons/import.js')));
}

import type { Command } from 'commander';
import { lazyAction } from '../action.js';
import { actionsHelp } from '../audit-labels.js';
import type { Session } from '../context.js';
import { examples } from '../help.js';

export function registerAuditCommand(program: Command, session: Session): void {
  program
    .command('audit')
    .description("lire le journal d'audit (le plus récent d'abord)")
    .option('--person <personne>', "identifiant ou e-mail d'une personne")
    .option('--action <action>', 'une action (liste ci-dessous) ou un groupe : invite, access, person, password')
    .option('--since <durée>', 'depuis : 90s, 30m, 12h, 7d')
    .option('--limit <n>', 'nombre d’entrées, les plus récentes (par défaut : 50)')
    .option('--all', 'toutes les entrées')
    .addHelpText('after', () => `\nActions :\n${actionsHelp()}`)
    .addHelpText(
      'after',
      examples('zdl audit --since 7d', 'zdl audit --person lea@example.org --all', 'zdl audit --action invite --json'),
    )
    .action(lazyAction(session, () => import('./audit/list.js')));
}

import type { Command } from 'commander';
import { lazyAction } from '../action.js';
import type { Session } from '../context.js';

export function registerAuditCommand(program: Command, session: Session): void {
  program
    .command('audit')
    .description("lire le journal d'audit (le plus récent d'abord)")
    .option('--person <person>', "identifiant ou e-mail d'une personne")
    .option('--action <action>', 'par exemple invite ou invite.issued')
    .option('--since <durée>', 'depuis : 90s, 30m, 12h, 7d')
    .option('--limit <n>', 'nombre de lignes (défaut 50)')
    .action(lazyAction(session, () => import('./audit/list.js')));
}

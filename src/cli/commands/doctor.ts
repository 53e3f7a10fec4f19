import type { Command } from 'commander';
import { lazyAction } from '../action.js';
import type { Session } from '../context.js';
import { examples } from '../help.js';

export function registerDoctorCommand(program: Command, session: Session): void {
  program
    .command('doctor')
    .description('vérifier la configuration, la base, les migrations, les e-mails, l’URL publique et Google (✓ ⚠ ✗)')
    .option('--strict', 'sortir en erreur (code 1) aussi pour un avertissement ⚠')
    .addHelpText('after', examples('zdl doctor', 'zdl doctor --strict', 'ZDL_DATA_DIR=/srv/zdl/data zdl doctor --json'))
    .action(lazyAction(session, () => import('./doctor/check.js')));
}

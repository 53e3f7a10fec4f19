import type { Command } from 'commander';
import { lazyAction } from '../action.js';
import type { Session } from '../context.js';

export function registerDoctorCommand(program: Command, session: Session): void {
  program
    .command('doctor')
    .description('vérifier la configuration, la base, les migrations, les e-mails et l’URL publique')
    .action(lazyAction(session, () => import('./doctor/check.js')));
}

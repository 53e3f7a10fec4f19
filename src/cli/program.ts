import { readFileSync } from 'node:fs';
import { Command } from 'commander';
import { registerAccessCommands } from './commands/access.js';
import { registerAuditCommand } from './commands/audit.js';
import { registerDbCommands } from './commands/db.js';
import { registerDoctorCommand } from './commands/doctor.js';
import { registerInvitesCommands } from './commands/invites.js';
import { registerMailCommands } from './commands/mail.js';
import { registerPersonsCommands } from './commands/persons.js';
import { registerResetCommands } from './commands/reset.js';
import { registerServeCommand } from './commands/serve.js';
import type { Session } from './context.js';
import { examples, FRENCH_HELP } from './help.js';
import type { CliIO } from './io.js';

// Only commander and the command definitions load here: each action imports what it needs,
// so `zdl --help` and `zdl --version` start fast.

function readVersion(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}

export function buildProgram(session: Session, io: CliIO): Command {
  const program = new Command('zdl')
    .description("Gestion des accès ZDL : personnes, invitations, accès, réinitialisations, journal d'audit.")
    .version(readVersion(), '-V, --version', 'afficher la version')
    .helpOption('-h, --help', "afficher l'aide")
    .helpCommand('help [commande]', "afficher l'aide d'une commande")
    .option('--json', 'sortie JSON sur stdout (pour les scripts)')
    .option('--no-color', 'désactiver les couleurs (aussi : NO_COLOR)')
    .option('--no-input', 'ne jamais poser de question (erreur si une valeur manque)')
    .option('-y, --yes', 'confirmer les actions destructives')
    .option('--debug', 'afficher le détail technique des erreurs')
    .option('--as <nom>', "nom de l'admin inscrit au journal d'audit (aussi : ZDL_ADMIN)")
    .configureHelp({ showGlobalOptions: true, sortSubcommands: false, ...FRENCH_HELP })
    .addHelpText(
      'after',
      examples(
        'zdl persons add --nom Martin --prenom Léa --email lea@example.org --invite --send',
        'zdl persons list --access invité',
        'zdl persons show lea@example.org',
      ),
    )
    .showSuggestionAfterError(true)
    .exitOverride()
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text),
      // Usage errors are reported (in French) by main(); commander stays silent.
      outputError: () => {},
    });

  registerPersonsCommands(program, session);
  registerInvitesCommands(program, session);
  registerAccessCommands(program, session);
  registerMailCommands(program, session);
  registerResetCommands(program, session);
  registerAuditCommand(program, session);
  registerDbCommands(program, session);
  registerDoctorCommand(program, session);
  registerServeCommand(program, session);
  return program;
}

import { readFileSync } from 'node:fs';
import { Command } from 'commander';
import type { Session } from './context.js';
import { examples, FRENCH_HELP } from './help.js';
import type { CliIO } from './io.js';

// Only commander and the command definitions load here: each action imports what it needs,
// so `zdl --help` and `zdl --version` start fast.

type RegisterGroup = (program: Command, session: Session) => void;

// In the order `zdl --help` lists them. A command line that names a group (`zdl invites list`)
// defines that group only; anything else (help, no command, a typo to suggest a fix for)
// defines them all. Every command starts by parsing its line, so this is paid by each of them.
const GROUPS: Record<string, () => Promise<RegisterGroup>> = {
  persons: async () => (await import('./commands/persons.js')).registerPersonsCommands,
  invites: async () => (await import('./commands/invites.js')).registerInvitesCommands,
  access: async () => (await import('./commands/access.js')).registerAccessCommands,
  mail: async () => (await import('./commands/mail.js')).registerMailCommands,
  reset: async () => (await import('./commands/reset.js')).registerResetCommands,
  audit: async () => (await import('./commands/audit.js')).registerAuditCommand,
  db: async () => (await import('./commands/db.js')).registerDbCommands,
  doctor: async () => (await import('./commands/doctor.js')).registerDoctorCommand,
  serve: async () => (await import('./commands/serve.js')).registerServeCommand,
};

/** The first word of the command line that is not a global option (nor `--as`'s value). */
function firstCommandWord(argv: string[]): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') return argv[i + 1];
    if (arg === '--as') i++;
    else if (!arg.startsWith('-')) return arg;
  }
  return undefined;
}

function readVersion(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}

export async function buildProgram(session: Session, io: CliIO, argv: string[]): Promise<Command> {
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

  const word = firstCommandWord(argv);
  const names = word !== undefined && Object.hasOwn(GROUPS, word) ? [word] : Object.keys(GROUPS);
  const registers = await Promise.all(names.map((name) => GROUPS[name]!()));
  for (const register of registers) register(program, session);
  return program;
}

import type { Command } from 'commander';
import { lazyAction } from '../action.js';
import type { Session } from '../context.js';
import { examples } from '../help.js';

export function registerServeCommand(program: Command, session: Session): void {
  program
    .command('serve')
    .description('servir les pages d’accès (activation, mot de passe oublié) en HTTP')
    .option('--port <port>', 'port d’écoute (0 = un port libre)', '3000')
    .option('--host <adresse>', 'adresse d’écoute', '127.0.0.1')
    .option(
      '--log-format <format>',
      'journal des requêtes : text (une ligne lisible) ou json (un objet par ligne)',
      'text',
    )
    .addHelpText('after', examples('zdl serve', 'zdl serve --port 8080 --host 0.0.0.0   (derrière un reverse proxy)'))
    .action(lazyAction(session, () => import('./serve/start.js')));
}

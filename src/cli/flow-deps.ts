import type { FlowDeps } from '../flows/deps.js';
import { createLoggedMailer } from '../mail/create-logged-mailer.js';
import type { Mailer } from '../mail/message.js';
import type { CommandContext } from './context.js';

export type CliFlowDeps = Pick<FlowDeps, 'db' | 'mailer' | 'clock' | 'publicUrl'>;

/**
 * The use cases' dependencies for one command. The mailer is made on first use, so a command
 * that sends nothing prints no mailer notice (outbox path) and needs no MailerSend key.
 */
export async function openFlowDeps(ctx: CommandContext): Promise<CliFlowDeps> {
  const [config, db] = await Promise.all([ctx.config(), ctx.database()]);
  let mailer: Mailer | undefined;
  const open = () =>
    (mailer ??= createLoggedMailer(config, db, { onNotice: (line) => ctx.out.info(line), clock: ctx.clock }));
  return {
    db,
    clock: ctx.clock,
    publicUrl: config.publicUrl,
    mailer: {
      get kind() {
        return open().kind;
      },
      send: (message) => open().send(message),
    },
  };
}

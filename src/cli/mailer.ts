import type { Mailer } from '../mail/message.js';
import type { CommandContext } from './context.js';

/** The configured mailer, with its notices (outbox path, warnings) on stderr. */
export async function openMailer(ctx: CommandContext): Promise<Mailer> {
  const [config, db, { createLoggedMailer }] = await Promise.all([
    ctx.config(),
    ctx.database(),
    import('../mail/create-logged-mailer.js'),
  ]);
  return createLoggedMailer(config, db, { onNotice: (line) => ctx.out.info(line), clock: ctx.clock });
}

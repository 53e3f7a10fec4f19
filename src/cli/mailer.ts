import { createLoggedMailer } from '../mail/create-logged-mailer.js';
import type { Mailer } from '../mail/message.js';
import type { CommandContext } from './context.js';

/** The configured mailer, with its notices (outbox path, warnings) on stderr. */
export async function openMailer(ctx: CommandContext): Promise<Mailer> {
  const [config, db] = await Promise.all([ctx.config(), ctx.database()]);
  return createLoggedMailer(config, db, { onNotice: (line) => ctx.out.info(line), clock: ctx.clock });
}

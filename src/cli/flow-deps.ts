import type { FlowDeps } from '../flows/deps.js';
import type { InviteCodeKeys } from '../invites/code-keys.js';
import { resolveInviteCodeKeys } from '../invites/resolve-code-keys.js';
import { createLoggedMailer } from '../mail/create-logged-mailer.js';
import { assertMailCanLeave } from '../mail/live-mail.js';
import type { Mailer } from '../mail/message.js';
import type { CommandContext } from './context.js';

export type CliFlowDeps = Pick<FlowDeps, 'db' | 'mailer' | 'clock' | 'publicUrl' | 'inviteKeys'>;

/**
 * The use cases' dependencies for one command. The mailer is made on first use, so a command
 * that sends nothing prints no mailer notice (outbox path) and needs no MailerSend key; the
 * invitation-code keys too, so that only commands that hash codes need ZDL_SECRET_KEY. A command
 * that will send (`sendsMail`) has the mail settings checked first: a refusal comes before it
 * writes a person or an invitation that the e-mail was meant to go with.
 */
export async function openFlowDeps(ctx: CommandContext, options: { sendsMail?: boolean } = {}): Promise<CliFlowDeps> {
  const config = await ctx.config();
  if (options.sendsMail) assertMailCanLeave(config);
  const db = await ctx.database();
  let mailer: Mailer | undefined;
  let inviteKeys: InviteCodeKeys | undefined;
  const open = () =>
    (mailer ??= createLoggedMailer(config, db, { onNotice: (line) => ctx.out.info(line), clock: ctx.clock }));
  return {
    db,
    clock: ctx.clock,
    publicUrl: config.publicUrl,
    get inviteKeys() {
      inviteKeys ??= resolveInviteCodeKeys(config);
      return inviteKeys;
    },
    mailer: {
      get kind() {
        return open().kind;
      },
      send: (message) => open().send(message),
    },
  };
}

import type { IssuedInvite } from '../invites/issue-invite.js';
import { buildActivationUrl } from '../mail/templates/links.js';
import type { CommandContext } from './context.js';
import { formatDateTime } from './format.js';

/** The one time a code is shown: on stdout (it is the data), with its link and expiry. */
export async function printIssuedInvite(ctx: CommandContext, invite: IssuedInvite): Promise<void> {
  const config = await ctx.config();
  const link = buildActivationUrl(config.publicUrl, invite.code);
  ctx.out.info(`Code d'invitation, valable jusqu'au ${formatDateTime(invite.expires_at)} (il ne sera plus affiché) :`);
  ctx.out.data(`${invite.code}\n${link}`);
}

import type { IssuedInvite } from '../invites/issue-invite.js';
import { buildActivationUrl } from '../mail/templates/links.js';
import type { CommandContext } from './context.js';
import { formatDateTime } from './format.js';
import { printInviteQr, shouldShowQr } from './print-invite-qr.js';

/**
 * The one time a code is shown: on stdout (it is the data), with its link and expiry, and on a
 * terminal the link's QR code (`qr`: --qr / --no-qr), for the person to scan there and then.
 */
export async function printIssuedInvite(ctx: CommandContext, invite: IssuedInvite, qr?: boolean): Promise<void> {
  const config = await ctx.config();
  const link = buildActivationUrl(config.publicUrl, invite.code);
  ctx.out.info(`Code d'invitation, valable jusqu'au ${formatDateTime(invite.expires_at)} (il ne sera plus affiché) :`);
  ctx.out.data(`${invite.code}\n${link}`);
  if (shouldShowQr(ctx, qr)) printInviteQr(ctx, link);
}

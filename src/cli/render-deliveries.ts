import type { InvitationDelivery } from '../flows/send-invitations.js';
import type { CommandContext } from './context.js';

/**
 * One line per invitation e-mail. A failed send lost nothing: the admin is told how to resend,
 * and the command ends with exit code 1.
 */
export function reportDeliveries(ctx: CommandContext, deliveries: InvitationDelivery[]): void {
  for (const delivery of deliveries) {
    if (delivery.status === 'failed') {
      ctx.out.error(
        `${delivery.error}\nL'invitation n°${delivery.inviteId} reste valable ; pour envoyer un nouveau code : zdl invites resend ${delivery.personId}`,
      );
    } else {
      ctx.out.success(
        `Invitation envoyée à ${delivery.email}${delivery.status === 'outbox' ? ' (boîte locale)' : ''}.`,
      );
    }
  }
  if (deliveries.some((delivery) => delivery.status === 'failed')) ctx.setExitCode(1);
}

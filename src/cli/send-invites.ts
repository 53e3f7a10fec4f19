import type { IssuedInvite } from '../invites/issue-invite.js';
import { sendInvitationEmail } from '../mail/send-account-emails.js';
import type { Person } from '../persons/person.js';
import type { CommandContext } from './context.js';
import { openMailer } from './mailer.js';

/**
 * E-mails invitations that are already committed. A failed send loses nothing: the invitation
 * stays valid, the admin is told how to resend, and the command ends with exit code 1.
 */
export async function sendInviteEmails(
  ctx: CommandContext,
  items: { person: Person; invite: IssuedInvite }[],
): Promise<void> {
  const [config, mailer] = await Promise.all([ctx.config(), openMailer(ctx)]);
  let failed = 0;
  for (const { person, invite } of items) {
    try {
      const recipient = { personne_id: person.id, email: person.email!, nom: person.nom, prenom: person.prenom };
      const result = await sendInvitationEmail(mailer, config.publicUrl, recipient, invite);
      ctx.out.success(`Invitation envoyée à ${person.email}${result.status === 'outbox' ? ' (boîte locale)' : ''}.`);
    } catch (error) {
      failed++;
      ctx.out.error(
        `${(error as Error).message}\nL'invitation n°${invite.id} reste valable ; pour envoyer un nouveau code : zdl invites resend ${person.id}`,
      );
    }
  }
  if (failed > 0) ctx.setExitCode(1);
}

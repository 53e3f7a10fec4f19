import type { IssuedInvite } from '../../invites/issue-invite.js';
import type { Person } from '../../persons/person.js';
import type { CommandContext } from '../context.js';
import { openMailer } from '../mailer.js';

/**
 * E-mails invitations that are already committed. A failed send loses nothing: the invitation
 * stays valid, the admin is told how to resend, and the command ends with exit code 1.
 */
export async function sendInviteEmails(ctx: CommandContext, items: { person: Person; invite: IssuedInvite }[]): Promise<void> {
  const [config, mailer, { renderInvitationEmail }, { buildActivationUrl }] = await Promise.all([
    ctx.config(),
    openMailer(ctx),
    import('../../mail/templates/invitation.js'),
    import('../../mail/templates/links.js'),
  ]);
  let failed = 0;
  for (const { person, invite } of items) {
    const email = renderInvitationEmail({
      prenom: person.prenom,
      nom: person.nom,
      code: invite.code,
      activationUrl: buildActivationUrl(config.publicUrl, invite.code),
      expiresAt: invite.expires_at,
    });
    try {
      const result = await mailer.send({ ...email, to: { email: person.email!, name: `${person.prenom} ${person.nom}` }, template: 'invitation', personneId: person.id });
      ctx.out.success(`Invitation envoyée à ${person.email}${result.status === 'outbox' ? ' (boîte locale)' : ''}.`);
    } catch (error) {
      failed++;
      ctx.out.error(`${(error as Error).message}\nL'invitation n°${invite.id} reste valable ; pour renvoyer un nouveau code : zdl invites resend ${person.id}`);
    }
  }
  if (failed > 0) ctx.setExitCode(1);
}

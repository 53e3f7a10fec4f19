import { sendInvitationEmail } from '../mail/send-account-emails.js';
import type { Person } from '../persons/person.js';
import type { FlowDeps } from './deps.js';

interface Invitation {
  person: Person;
  invite: { id: number; code: string; expires_at: Date };
}

export type InvitationDelivery = { personId: number; email: string; inviteId: number } & (
  | { status: 'sent' | 'outbox' }
  | { status: 'failed'; error: string }
);

/**
 * E-mails invitations that are already committed, one after the other. A failed send loses
 * nothing (the invitation stays valid and can be sent again) and does not stop the others.
 */
export async function sendInvitations(
  deps: Pick<FlowDeps, 'mailer' | 'publicUrl'>,
  invitations: Invitation[],
): Promise<InvitationDelivery[]> {
  const deliveries: InvitationDelivery[] = [];
  for (const { person, invite } of invitations) {
    const sent = { personId: person.id, email: person.email!, inviteId: invite.id };
    try {
      const recipient = { personne_id: person.id, email: person.email!, nom: person.nom, prenom: person.prenom };
      const result = await sendInvitationEmail(deps.mailer, deps.publicUrl, recipient, invite);
      deliveries.push({ ...sent, status: result.status });
    } catch (error) {
      deliveries.push({ ...sent, status: 'failed', error: (error as Error).message });
    }
  }
  return deliveries;
}

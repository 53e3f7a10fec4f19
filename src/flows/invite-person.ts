import type { ActorContext } from '../actor.js';
import { type IssuedInvite, issueInvite } from '../invites/issue-invite.js';
import { findPerson, type Person } from '../persons/person.js';
import type { FlowDeps } from './deps.js';
import { type InvitationDelivery, sendInvitations } from './send-invitations.js';

export interface InvitePersonRequest {
  /** Identifier or e-mail address. */
  personRef: string;
  validityMs?: number;
  /** E-mail the new code once it is committed (`invites resend`, `invites issue --send`). */
  send: boolean;
}

export type InvitePersonResult =
  | { status: 'no_email'; person: Person }
  | { status: 'issued'; person: Person; invite: IssuedInvite; deliveries: InvitationDelivery[] };

/**
 * An admin (re)invites a person: a new code that revokes the earlier live ones, committed before
 * it is e-mailed. Nothing is issued when it should be e-mailed to someone without an address.
 */
export async function invitePerson(
  deps: Pick<FlowDeps, 'db' | 'mailer' | 'clock' | 'publicUrl' | 'inviteKeys'>,
  actor: Pick<ActorContext, 'actor'>,
  request: InvitePersonRequest,
): Promise<InvitePersonResult> {
  const issued = await deps.db.transaction(async (tx) => {
    const person = await findPerson(tx, request.personRef);
    if (request.send && !person.email) return { person, invite: null };
    const invite = await issueInvite(tx, person.id, {
      actor: actor.actor,
      now: deps.clock(),
      validityMs: request.validityMs,
      keys: deps.inviteKeys,
    });
    return { person, invite };
  });
  const { person, invite } = issued;
  if (!invite) return { status: 'no_email', person };
  const deliveries = request.send ? await sendInvitations(deps, [{ person, invite }]) : [];
  return { status: 'issued', person, invite, deliveries };
}

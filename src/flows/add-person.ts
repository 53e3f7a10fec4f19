import type { ActorContext } from '../actor.js';
import { ZdlError } from '../errors.js';
import { type IssuedInvite, issueInvite } from '../invites/issue-invite.js';
import { createPerson } from '../persons/create-person.js';
import type { Person } from '../persons/person.js';
import type { PersonInput } from '../persons/person-input.js';
import type { FlowDeps } from './deps.js';
import { type InvitationDelivery, sendInvitations } from './send-invitations.js';

export interface AddPersonRequest {
  person: PersonInput;
  /** Also create an invitation (its code is returned once); `validityMs` defaults to 7 days. */
  invite: { validityMs?: number } | null;
  /** E-mail the invitation once it is committed. */
  send: boolean;
}

export interface AddedPerson {
  person: Person;
  invite: IssuedInvite | null;
  /** One per e-mail sent (none without `send`); a failed one leaves the invitation valid. */
  deliveries: InvitationDelivery[];
}

/** An admin adds a person: the record and its invitation in one transaction, then the e-mail. */
export async function addPerson(
  deps: Pick<FlowDeps, 'db' | 'mailer' | 'clock' | 'publicUrl' | 'inviteKeys'>,
  actor: Pick<ActorContext, 'actor'>,
  request: AddPersonRequest,
): Promise<AddedPerson> {
  if (request.send && (!request.invite || !request.person.email)) {
    throw new ZdlError(
      'NO_EMAIL',
      'usage',
      'Impossible d’envoyer l’invitation : il faut une invitation et une adresse e-mail.',
    );
  }
  const now = deps.clock();
  const { person, invite } = await deps.db.transaction(async (tx) => {
    const person = await createPerson(tx, request.person, { actor: actor.actor, now });
    const invite = request.invite
      ? await issueInvite(tx, person.id, {
          actor: actor.actor,
          now,
          validityMs: request.invite.validityMs,
          keys: deps.inviteKeys,
        })
      : null;
    return { person, invite };
  });
  const deliveries = invite && request.send ? await sendInvitations(deps, [{ person, invite }]) : [];
  return { person, invite, deliveries };
}

import type { ActorContext } from '../actor.js';
import { type CreatedReset, createPasswordReset, type ResetRefusal } from '../auth/password-reset.js';
import { findPerson, type Person } from '../persons/person.js';
import type { FlowDeps } from './deps.js';
import { sendResetEmailOrMarkFailed } from './send-reset-email.js';

export type AdminResetResult =
  | { status: 'refused'; person: Person; reason: ResetRefusal }
  | { status: 'sent'; person: Person; reset: CreatedReset };

/**
 * `zdl reset send`: an admin sends a person the reset e-mail (link + code). Unlike the web's
 * « mot de passe oublié » (flows/request-password-reset.ts) the refusal is told to the admin and
 * the e-mail is awaited, so a failed send is an error. The inner step (create the reset, then
 * e-mail it) is the same as the web's.
 */
export async function sendPasswordResetToPerson(
  deps: Pick<FlowDeps, 'db' | 'mailer' | 'clock' | 'publicUrl'>,
  actor: Pick<ActorContext, 'actor'>,
  request: { personRef: string },
): Promise<AdminResetResult> {
  const { person, reset } = await deps.db.transaction(async (tx) => {
    const person = await findPerson(tx, request.personRef);
    const reset = await createPasswordReset(tx, { personId: person.id }, { actor: actor.actor, now: deps.clock() });
    return { person, reset };
  });
  if (typeof reset === 'string') return { status: 'refused', person, reason: reset };
  await sendResetEmailOrMarkFailed(deps, reset);
  return { status: 'sent', person, reset };
}

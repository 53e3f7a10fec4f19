import type { ActorContext } from '../actor.js';
import { restoreAccess } from '../auth/access.js';
import { findPerson, type Person } from '../persons/person.js';
import type { FlowDeps } from './deps.js';

/** An admin lifts a revocation: `active` again if the account was activated, else back to `none`. */
export async function restorePersonAccess(
  deps: Pick<FlowDeps, 'db' | 'clock'>,
  actor: Pick<ActorContext, 'actor'>,
  request: { personRef: string },
): Promise<{ person: Person; access: 'active' | 'none' }> {
  return deps.db.transaction(async (tx) => {
    const person = await findPerson(tx, request.personRef);
    const { access } = await restoreAccess(tx, person.id, { actor: actor.actor, now: deps.clock() });
    return { person, access };
  });
}

import type { ActorContext } from '../actor.js';
import { unlockResets } from '../auth/reset-unlock.js';
import { findPerson, type Person } from '../persons/person.js';
import type { FlowDeps } from './deps.js';

/** `zdl reset unlock`: an admin who checked the account lets its password be reset again. */
export async function unlockPersonResets(
  deps: Pick<FlowDeps, 'db' | 'clock'>,
  actor: Pick<ActorContext, 'actor'>,
  request: { personRef: string },
): Promise<{ person: Person; failuresCleared: number }> {
  return deps.db.transaction(async (tx) => {
    const person = await findPerson(tx, request.personRef);
    const { failures_cleared } = await unlockResets(tx, person.id, { actor: actor.actor, now: deps.clock() });
    return { person, failuresCleared: failures_cleared };
  });
}

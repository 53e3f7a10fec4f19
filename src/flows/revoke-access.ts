import type { ActorContext } from '../actor.js';
import { type RevokeResult, revokeAccess } from '../auth/access.js';
import { findPerson, type Person } from '../persons/person.js';
import type { FlowDeps } from './deps.js';

/**
 * An admin revokes a person's access: no more activation, sign-in or reset. `confirm` sees the
 * person before anything changes and throws to refuse (the CLI asks, or wants --yes).
 */
export async function revokePersonAccess(
  deps: Pick<FlowDeps, 'db' | 'clock'>,
  actor: Pick<ActorContext, 'actor'>,
  request: { personRef: string; confirm: (person: Person) => Promise<void> },
): Promise<{ person: Person; revoked: RevokeResult }> {
  const person = await deps.db.transaction((tx) => findPerson(tx, request.personRef));
  await request.confirm(person);
  const revoked = await deps.db.transaction((tx) =>
    revokeAccess(tx, person.id, { actor: actor.actor, now: deps.clock() }),
  );
  return { person, revoked };
}

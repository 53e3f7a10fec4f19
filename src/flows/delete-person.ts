import type { ActorContext } from '../actor.js';
import { deletePerson } from '../persons/delete-person.js';
import { findPerson, type Person } from '../persons/person.js';
import type { FlowDeps } from './deps.js';

/**
 * An admin deletes a person with their invitations and access. `confirm` sees the person first
 * and throws to refuse; the person is found again in the deleting transaction.
 */
export async function deletePersonAfterConfirm(
  deps: Pick<FlowDeps, 'db' | 'clock'>,
  actor: Pick<ActorContext, 'actor'>,
  request: { personRef: string; confirm: (person: Person) => Promise<void> },
): Promise<Person> {
  const person = await deps.db.transaction((tx) => findPerson(tx, request.personRef));
  await request.confirm(person);
  await deps.db.transaction(async (tx) =>
    deletePerson(tx, await findPerson(tx, String(person.id)), { actor: actor.actor, now: deps.clock() }),
  );
  return person;
}

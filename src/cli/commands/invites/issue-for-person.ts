import { ZdlError } from '../../../errors.js';
import { type IssuedInvite, issueInvite } from '../../../invites/issue-invite.js';
import { findPerson, type Person } from '../../../persons/person.js';
import type { CommandContext } from '../../context.js';

/** `invites issue` and `invites resend`: a new code for one person (earlier ones are revoked). */
export async function issueForPerson(
  ctx: CommandContext,
  ref: string,
  options: { validityMs: number | undefined; needsEmail: boolean },
): Promise<{ person: Person; invite: IssuedInvite }> {
  const db = await ctx.database();
  return db.transaction(async (tx) => {
    const person = await findPerson(tx, ref);
    if (options.needsEmail && !person.email) {
      throw new ZdlError(
        'NO_EMAIL',
        'usage',
        `${person.prenom} ${person.nom} n'a pas d'adresse e-mail : ajoutez-la avec « zdl persons edit ${person.id} --email … ».`,
      );
    }
    const invite = await issueInvite(tx, person.id, {
      actor: ctx.actor,
      now: ctx.clock(),
      validityMs: options.validityMs,
    });
    return { person, invite };
  });
}

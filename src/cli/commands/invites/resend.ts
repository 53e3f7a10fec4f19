import { invitePerson } from '../../../flows/invite-person.js';
import type { CommandContext } from '../../context.js';
import { parseValidity } from '../../flags.js';
import { openFlowDeps } from '../../flow-deps.js';
import { reportDeliveries } from '../../render-deliveries.js';
import { noEmailError } from './no-email.js';

export async function run(ctx: CommandContext, [ref]: string[], options: { expires?: string }) {
  const validityMs = parseValidity(options);
  const result = await invitePerson(await openFlowDeps(ctx), ctx, { personRef: ref!, validityMs, send: true });
  if (result.status === 'no_email') throw noEmailError(result.person);
  const { person, invite, deliveries } = result;
  // The code goes to the person only: nobody else needs to see it.
  if (ctx.flags.json) ctx.out.printJson({ id: invite.id, person_id: invite.person_id, expires_at: invite.expires_at });
  ctx.out.info(
    `Nouvelle invitation n°${invite.id} pour ${person.prenom} ${person.nom} (les précédentes sont révoquées).`,
  );
  reportDeliveries(ctx, deliveries);
}

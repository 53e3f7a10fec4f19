import { invitePerson } from '../../../flows/invite-person.js';
import type { CommandContext } from '../../context.js';
import { parseValidity } from '../../flags.js';
import { openFlowDeps } from '../../flow-deps.js';
import { reportDeliveries } from '../../render-deliveries.js';
import { printIssuedInvite } from '../../render-invite.js';
import { noEmailError } from './no-email.js';

export async function run(
  ctx: CommandContext,
  [ref]: string[],
  options: { expires?: string; send?: boolean; qr?: boolean },
) {
  const validityMs = parseValidity(options);
  const result = await invitePerson(await openFlowDeps(ctx, { sendsMail: options.send === true }), ctx, {
    personRef: ref!,
    validityMs,
    send: options.send === true,
  });
  if (result.status === 'no_email') throw noEmailError(result.person);
  const { person, invite, deliveries } = result;
  if (ctx.flags.json) {
    ctx.out.printJson({ id: invite.id, code: invite.code, person_id: invite.person_id, expires_at: invite.expires_at });
  } else {
    ctx.out.success(`Invitation n°${invite.id} créée pour ${person.prenom} ${person.nom}.`);
    await printIssuedInvite(ctx, invite, options.qr);
  }
  reportDeliveries(ctx, deliveries);
}

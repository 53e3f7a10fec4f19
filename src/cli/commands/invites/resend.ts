import { invitePerson } from '../../../flows/invite-person.js';
import type { CommandContext } from '../../context.js';
import { parseValidity } from '../../flags.js';
import { openFlowDeps } from '../../flow-deps.js';
import { reportDeliveries } from '../../render-deliveries.js';
import { printIssuedInvite } from '../../render-invite.js';
import { noEmailError } from './no-email.js';

export async function run(ctx: CommandContext, [ref]: string[], options: { expires?: string }) {
  const validityMs = parseValidity(options);
  const result = await invitePerson(await openFlowDeps(ctx, { sendsMail: true }), ctx, {
    personRef: ref!,
    validityMs,
    send: true,
  });
  if (result.status === 'no_email') throw noEmailError(result.person);
  const { person, invite, deliveries } = result;
  const undelivered = deliveries.some((delivery) => delivery.status === 'failed');
  // The code goes to the person only — unless the e-mail did not leave: the earlier codes are
  // revoked, so the admin is the only one who can hand the new one over (it is shown this once).
  if (ctx.flags.json) {
    ctx.out.printJson({
      id: invite.id,
      person_id: invite.person_id,
      expires_at: invite.expires_at,
      ...(undelivered ? { code: invite.code } : {}),
    });
  }
  ctx.out.info(
    `Nouvelle invitation n°${invite.id} pour ${person.prenom} ${person.nom} (les précédentes sont révoquées).`,
  );
  reportDeliveries(ctx, deliveries);
  if (undelivered) {
    ctx.out.error(
      `L'e-mail n'est pas parti et les codes envoyés auparavant ne marchent plus : transmettez vous-même le code ci-dessous à ${person.prenom} ${person.nom}, ou relancez « zdl invites resend ${person.id} » une fois l'envoi rétabli.`,
    );
    if (!ctx.flags.json) await printIssuedInvite(ctx, invite);
  }
}

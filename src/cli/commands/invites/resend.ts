import type { CommandContext } from '../../context.js';
import { parseValidity } from '../../flags.js';
import { sendInviteEmails } from '../../send-invites.js';
import { issueForPerson } from './issue-for-person.js';

export async function run(ctx: CommandContext, [ref]: string[], options: { expires?: string }) {
  const validityMs = parseValidity(options);
  const { person, invite } = await issueForPerson(ctx, ref!, { validityMs, needsEmail: true });
  // The code goes to the person only: nobody else needs to see it.
  if (ctx.flags.json) ctx.out.printJson({ id: invite.id, person_id: invite.person_id, expires_at: invite.expires_at });
  ctx.out.info(
    `Nouvelle invitation n°${invite.id} pour ${person.prenom} ${person.nom} (les précédentes sont révoquées).`,
  );
  await sendInviteEmails(ctx, [{ person, invite }]);
}

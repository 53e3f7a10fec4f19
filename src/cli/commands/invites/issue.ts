import type { CommandContext } from '../../context.js';
import { parseValidity } from '../../flags.js';
import { printIssuedInvite } from '../../render-invite.js';
import { sendInviteEmails } from '../../send-invites.js';
import { issueForPerson } from './issue-for-person.js';

export async function run(ctx: CommandContext, [ref]: string[], options: { expires?: string; send?: boolean }) {
  const validityMs = parseValidity(options);
  const { person, invite } = await issueForPerson(ctx, ref!, { validityMs, needsEmail: options.send === true });
  if (ctx.flags.json) {
    ctx.out.printJson({ id: invite.id, code: invite.code, person_id: invite.person_id, expires_at: invite.expires_at });
  } else {
    ctx.out.success(`Invitation n°${invite.id} créée pour ${person.prenom} ${person.nom}.`);
    await printIssuedInvite(ctx, invite);
  }
  if (options.send) await sendInviteEmails(ctx, [{ person, invite }]);
}

import { ZdlError } from '../../../errors.js';
import { issueInvite } from '../../../invites/issue-invite.js';
import { createPerson } from '../../../persons/create-person.js';
import { parsePersonInput } from '../../../persons/person-input.js';
import { ROLE_LABELS } from '../../../persons/roles.js';
import type { CommandContext } from '../../context.js';
import { assertSendNeedsInvite, parseValidity } from '../../flags.js';
import { askText } from '../../prompt.js';
import { printIssuedInvite } from '../../render-invite.js';
import { sendInviteEmails } from '../../send-invites.js';

interface AddOptions {
  nom?: string;
  prenom?: string;
  tel1?: string;
  tel2?: string;
  email?: string;
  role?: string;
  invite?: boolean;
  expires?: string;
  send?: boolean;
}

export async function run(ctx: CommandContext, _args: string[], options: AddOptions): Promise<void> {
  assertSendNeedsInvite(options);
  const validityMs = parseValidity(options);
  const nom = options.nom ?? (await askText(ctx.prompt, '--nom', 'Nom :'));
  const prenom = options.prenom ?? (await askText(ctx.prompt, '--prenom', 'Prénom :'));
  const input = parsePersonInput({
    nom,
    prenom,
    telephone1: options.tel1,
    telephone2: options.tel2,
    email: options.email,
    role: options.role,
  });
  if (options.send && !input.email) {
    throw new ZdlError('NO_EMAIL', 'usage', 'Impossible d’envoyer l’invitation : indiquez --email.');
  }
  const db = await ctx.database();
  const now = ctx.clock();
  const { person, invite } = await db.transaction(async (tx) => {
    const person = await createPerson(tx, input, { actor: ctx.actor, now });
    const invite = options.invite ? await issueInvite(tx, person.id, { actor: ctx.actor, now, validityMs }) : null;
    return { person, invite };
  });
  if (ctx.flags.json) {
    const { id, nom, prenom, telephone1, telephone2, email, role, created_at } = person;
    ctx.out.printJson({
      person: { id, nom, prenom, telephone1, telephone2, email, role, created_at },
      invite: invite ? { id: invite.id, code: invite.code, expires_at: invite.expires_at } : null,
    });
  } else {
    ctx.out.success(`Personne n°${person.id} créée : ${person.prenom} ${person.nom} (${ROLE_LABELS[person.role]}).`);
    if (invite) await printIssuedInvite(ctx, invite);
  }
  if (invite && options.send) await sendInviteEmails(ctx, [{ person, invite }]);
}

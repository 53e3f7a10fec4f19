import { ZdlError } from '../../../errors.js';
import { addPerson } from '../../../flows/add-person.js';
import { parsePersonInput } from '../../../persons/person-input.js';
import { ROLE_LABELS, ROLES } from '../../../persons/roles.js';
import type { CommandContext } from '../../context.js';
import { assertSendNeedsInvite, parseValidity } from '../../flags.js';
import { openFlowDeps } from '../../flow-deps.js';
import { askChoice, askText, askYesNo } from '../../prompt.js';
import { reportDeliveries } from '../../render-deliveries.js';
import { printIssuedInvite } from '../../render-invite.js';
import { FLAG_NAMES, type PersonFlags, personFields } from './person-flags.js';

interface AddOptions extends PersonFlags {
  invite?: boolean;
  expires?: string;
  send?: boolean;
  qr?: boolean;
}

/**
 * On a terminal, what the flags did not say is asked: nom and prénom always; e-mail, rôle and
 * the invitation only when the admin gave neither nom nor prénom (the interactive way in), so
 * `persons add --nom X --prenom Y` stays the quick one it is.
 */
async function askMissing(ctx: CommandContext, options: AddOptions) {
  const guided = ctx.prompt.interactive && options.nom === undefined && options.prenom === undefined;
  const nom = options.nom ?? (await askText(ctx.prompt, '--nom', 'Nom :'));
  const prenom = options.prenom ?? (await askText(ctx.prompt, '--prenom', 'Prénom :'));
  if (!guided) return { nom, prenom, invite: undefined };
  const email =
    options.email ?? ((await askText(ctx.prompt, '--email', 'E-mail (facultatif) :', { optional: true })) || undefined);
  const role =
    options.role ??
    (await askChoice(
      ctx.prompt,
      '--role',
      'Rôle :',
      ROLES.map((value) => ({ value, name: ROLE_LABELS[value] })),
      'benevole',
    ));
  const invite = options.invite ?? (await askYesNo(ctx.prompt, '--invite', 'Créer une invitation ?'));
  return { nom, prenom, email, role, invite };
}

export async function run(ctx: CommandContext, _args: string[], options: AddOptions): Promise<void> {
  assertSendNeedsInvite(options);
  const validityMs = parseValidity(options);
  const { invite: wantsInvite, ...asked } = await askMissing(ctx, options);
  const input = parsePersonInput({ ...personFields(options), ...asked }, FLAG_NAMES);
  const withInvite = options.invite ?? wantsInvite;
  if (options.send && !input.email) {
    throw new ZdlError('NO_EMAIL', 'usage', 'Impossible d’envoyer l’invitation : indiquez --email.');
  }
  const { person, invite, deliveries } = await addPerson(
    await openFlowDeps(ctx, { sendsMail: options.send === true }),
    ctx,
    {
      person: input,
      invite: withInvite ? { validityMs } : null,
      send: options.send === true,
    },
  );
  if (ctx.flags.json) {
    const { id, nom, prenom, telephone1, telephone2, email, role, created_at } = person;
    ctx.out.printJson({
      person: { id, nom, prenom, telephone1, telephone2, email, role, created_at },
      invite: invite ? { id: invite.id, code: invite.code, expires_at: invite.expires_at } : null,
    });
  } else {
    ctx.out.success(`Personne n°${person.id} créée : ${person.prenom} ${person.nom} (${ROLE_LABELS[person.role]}).`);
    if (invite) await printIssuedInvite(ctx, invite, options.qr);
  }
  reportDeliveries(ctx, deliveries);
}

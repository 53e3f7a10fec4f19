import path from 'node:path';
import { assertCardsFileFree } from '../../../cards/cards-file.js';
import { parseDuration } from '../../../duration.js';
import { ZdlError } from '../../../errors.js';
import { printInviteCards } from '../../../flows/print-invite-cards.js';
import { findInvitees, type Invitee, type InviteeSelection } from '../../../persons/find-invitees.js';
import { readCardSheet } from '../../card-sheet.js';
import { openFlowDeps } from '../../flow-deps.js';
import type { CommandContext } from '../../context.js';
import { formatDateTime } from '../../format.js';
import { confirmDestructive } from '../../prompt.js';
import { reportCardsWritten } from '../../render-cards.js';

interface CardsOptions {
  out?: string;
  allWithoutAccess?: boolean;
  expires?: string;
  force?: boolean;
  showCodes?: boolean;
}

function parseSelection(refs: string[], options: CardsOptions): InviteeSelection {
  if (refs.length > 0 && options.allWithoutAccess) {
    throw new ZdlError('INVALID_OPTION', 'usage', 'Donnez des personnes ou --all-without-access, pas les deux.');
  }
  if (refs.length === 0 && !options.allWithoutAccess) {
    throw new ZdlError(
      'MISSING_OPTION',
      'usage',
      'Indiquez les personnes (identifiant ou e-mail), ou --all-without-access pour toutes celles sans accès.',
    );
  }
  return options.allWithoutAccess ? { allWithoutAccess: true } : { refs };
}

const fullName = ({ person }: Invitee) => `${person.prenom} ${person.nom} (n°${person.id})`;

function listNames(invitees: Invitee[]): string {
  const shown = invitees.slice(0, 5).map(fullName).join(', ');
  return invitees.length > 5 ? `${shown}… (${invitees.length} en tout)` : shown;
}

/** Active or revoked accesses get no card; refused before anything is issued or asked. */
function refuseNonInvitable(invitees: Invitee[]): void {
  const active = invitees.filter((i) => i.access === 'active');
  const revoked = invitees.filter((i) => i.access === 'revoked');
  if (active.length === 0 && revoked.length === 0) return;
  const lines = [
    ...(active.length > 0 ? [`accès déjà activé : ${listNames(active)}`] : []),
    ...(revoked.length > 0 ? [`accès révoqué (zdl access restore d’abord) : ${listNames(revoked)}`] : []),
  ];
  throw new ZdlError('NOT_INVITABLE', 'conflict', `Aucune carte imprimée :\n  ${lines.join('\n  ')}`, {
    details: { active: active.map((i) => i.person.id), revoked: revoked.map((i) => i.person.id) },
  });
}

export async function run(ctx: CommandContext, args: string[], options: CardsOptions): Promise<void> {
  // `[person...]` is variadic: commander passes the list as one argument.
  const selection = parseSelection(args.flat(), options);
  if (!options.out) throw new ZdlError('MISSING_OPTION', 'usage', 'Option manquante : --out <fichier.pdf>.');
  const validityMs = options.expires === undefined ? undefined : parseDuration(options.expires);
  const file = path.resolve(ctx.io.cwd, options.out);
  await assertCardsFileFree(file, options.force === true);

  const db = await ctx.database();
  const invitees = await db.transaction((tx) => findInvitees(tx, selection, ctx.clock()));
  refuseNonInvitable(invitees);
  if (invitees.length === 0) {
    if (ctx.flags.json) ctx.out.printJson({ file: null, count: 0, expires_at: null, invites: [] });
    ctx.out.info('Aucune personne sans accès : aucune carte à imprimer.');
    return;
  }
  const pending = invitees.filter((i) => i.access === 'invited');
  if (pending.length > 0) {
    await confirmDestructive(
      ctx.prompt,
      `${pending.length} personne(s) ont déjà une invitation en cours, qui sera révoquée et remplacée par celle de la carte : ${listNames(pending)}.`,
    );
  }

  const printed = await printInviteCards(
    await openFlowDeps(ctx),
    { actor: ctx.actor },
    {
      persons: invitees.map((i) => i.person),
      validityMs,
      file,
      force: options.force === true,
      sheet: await readCardSheet(ctx),
    },
  );
  if (ctx.flags.json) {
    ctx.out.printJson({
      file: printed.file,
      count: printed.issued.length,
      expires_at: printed.expiresAt,
      invites: printed.issued.map(({ person, invite }) => ({
        id: invite.id,
        person_id: person.id,
        nom: person.nom,
        prenom: person.prenom,
        expires_at: invite.expires_at,
        ...(options.showCodes ? { code: invite.code } : {}),
      })),
    });
  } else {
    await ctx.out.table(
      ['invitation', 'personne', { title: 'nom', shrink: true }, { title: 'prénom', shrink: true }, 'expire le'],
      printed.issued.map(({ person, invite }) => [
        invite.id,
        person.id,
        person.nom,
        person.prenom,
        formatDateTime(invite.expires_at),
      ]),
    );
  }
  reportCardsWritten(ctx, options.out, printed.issued.length, printed.expiresAt!);
}

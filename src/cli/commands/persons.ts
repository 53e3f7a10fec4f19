import type { Command } from 'commander';
import { ZdlError } from '../../errors.js';
import { defineAction } from '../action.js';
import type { CommandContext, Session } from '../context.js';
import { parseChoice } from '../flags.js';
import { askText, confirmDestructive } from '../prompt.js';
import { registerPersonsImport } from './persons-import.js';
import { registerPersonsShow } from './persons-show.js';
import { sendInviteEmails } from './send-invites.js';

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

const ACCESS_LABELS = { none: 'aucun', invited: 'invité', active: 'actif', revoked: 'révoqué' } as const;

export function accessLabel(access: keyof typeof ACCESS_LABELS): string {
  return ACCESS_LABELS[access];
}

export async function parseValidity(
  _ctx: CommandContext,
  options: { invite?: boolean; expires?: string },
): Promise<number | undefined> {
  if (options.expires === undefined) return undefined;
  if (options.invite === false) {
    throw new ZdlError('INVALID_OPTION', 'usage', '--expires ne sert qu’avec --invite.');
  }
  const { parseDuration } = await import('../../duration.js');
  return parseDuration(options.expires);
}

async function addPerson(ctx: CommandContext, options: AddOptions): Promise<void> {
  if (options.send && !options.invite)
    throw new ZdlError('INVALID_OPTION', 'usage', '--send ne sert qu’avec --invite.');
  const validityMs = await parseValidity(ctx, options);
  const nom = options.nom ?? (await askText(ctx.prompt, '--nom', 'Nom :'));
  const prenom = options.prenom ?? (await askText(ctx.prompt, '--prenom', 'Prénom :'));
  const { parsePersonInput } = await import('../../persons/person-input.js');
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
  const [db, { createPerson }, { issueInvite }, { ROLE_LABELS }] = await Promise.all([
    ctx.database(),
    import('../../persons/create-person.js'),
    import('../../invites/issue-invite.js'),
    import('../../persons/roles.js'),
  ]);
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
    if (invite) {
      const { printIssuedInvite } = await import('../render-invite.js');
      await printIssuedInvite(ctx, invite);
    }
  }
  if (invite && options.send) await sendInviteEmails(ctx, [{ person, invite }]);
}

async function listPersonsCommand(ctx: CommandContext, options: { role?: string; search?: string; access?: string }) {
  const [{ parseRole, ROLE_LABELS }, { listPersons }, { ACCESS_STATES }] = await Promise.all([
    import('../../persons/roles.js'),
    import('../../persons/list-persons.js'),
    import('../../persons/person.js'),
  ]);
  const filter = {
    role: options.role === undefined ? undefined : parseRole(options.role),
    search: options.search,
    access: options.access === undefined ? undefined : parseChoice(options.access, ACCESS_STATES, '--access'),
  };
  const db = await ctx.database();
  const persons = await db.transaction((tx) => listPersons(tx, filter, ctx.clock()));
  if (ctx.flags.json) return ctx.out.printJson(persons);
  if (persons.length === 0) return ctx.out.info('Aucune personne ne correspond.');
  await ctx.out.table(
    ['id', 'nom', 'prénom', 'rôle', 'e-mail', 'accès'],
    persons.map((p) => [p.id, p.nom, p.prenom, ROLE_LABELS[p.role], p.email, accessLabel(p.access)]),
  );
  ctx.out.info(`${persons.length} personne(s).`);
}

async function editPerson(ctx: CommandContext, ref: string, options: Omit<AddOptions, 'invite' | 'expires'>) {
  const [{ parsePersonPatch }, { findPerson }, { updatePerson }] = await Promise.all([
    import('../../persons/person-input.js'),
    import('../../persons/person.js'),
    import('../../persons/update-person.js'),
  ]);
  const patch = parsePersonPatch({
    nom: options.nom,
    prenom: options.prenom,
    telephone1: options.tel1,
    telephone2: options.tel2,
    email: options.email,
    role: options.role,
  });
  const db = await ctx.database();
  const person = await db.transaction(async (tx) => {
    const found = await findPerson(tx, ref);
    return updatePerson(tx, found.id, patch, { actor: ctx.actor, now: ctx.clock() });
  });
  if (ctx.flags.json) ctx.out.printJson(person);
  ctx.out.success(`Personne n°${person.id} modifiée : ${person.prenom} ${person.nom}.`);
}

async function deletePersonCommand(ctx: CommandContext, ref: string) {
  const [{ findPerson }, { deletePerson }] = await Promise.all([
    import('../../persons/person.js'),
    import('../../persons/delete-person.js'),
  ]);
  const db = await ctx.database();
  const person = await db.transaction((tx) => findPerson(tx, ref));
  await confirmDestructive(
    ctx.prompt,
    `Supprimer ${person.prenom} ${person.nom} (n°${person.id}), ses invitations et son accès ?`,
  );
  await db.transaction(async (tx) =>
    deletePerson(tx, await findPerson(tx, String(person.id)), { actor: ctx.actor, now: ctx.clock() }),
  );
  if (ctx.flags.json) ctx.out.printJson({ deleted: person.id });
  ctx.out.success(`Personne n°${person.id} supprimée.`);
}

export function registerPersonsCommands(program: Command, session: Session): void {
  const persons = program.command('persons').description('personnes (fiches) : créer, lister, modifier, importer');

  persons
    .command('add')
    .description('créer une personne, avec une invitation si --invite')
    .option('--nom <nom>', 'nom de famille')
    .option('--prenom <prenom>', 'prénom')
    .option('--tel1 <téléphone>', 'téléphone principal')
    .option('--tel2 <téléphone>', 'second téléphone')
    .option('--email <adresse>', 'adresse e-mail')
    .option('--role <rôle>', 'administrateur, employe ou benevole (par défaut)')
    .option('--invite', "créer aussi un code d'invitation (affiché une seule fois)")
    .option('--expires <durée>', "validité de l'invitation : 90s, 30m, 12h, 7d (défaut 7d)")
    .option('--send', "envoyer l'invitation par e-mail (avec --invite)")
    .action(defineAction<AddOptions>(session, (ctx, _args, options) => addPerson(ctx, options)));

  persons
    .command('list')
    .description('lister les personnes et leur accès')
    .option('--role <rôle>', 'administrateur, employe ou benevole')
    .option('--search <texte>', 'filtrer sur le nom, le prénom ou l’e-mail')
    .option('--access <état>', 'none, invited, active ou revoked')
    .action(defineAction(session, (ctx, _args, options) => listPersonsCommand(ctx, options)));

  registerPersonsShow(persons, session);

  persons
    .command('edit <person>')
    .description('modifier une personne (<person> : identifiant ou e-mail)')
    .option('--nom <nom>', 'nom de famille')
    .option('--prenom <prenom>', 'prénom')
    .option('--tel1 <téléphone>', 'téléphone principal (vide pour effacer)')
    .option('--tel2 <téléphone>', 'second téléphone (vide pour effacer)')
    .option('--email <adresse>', 'adresse e-mail (vide pour effacer)')
    .option('--role <rôle>', 'administrateur, employe ou benevole')
    .action(defineAction<AddOptions>(session, (ctx, [ref], options) => editPerson(ctx, ref!, options)));

  persons
    .command('delete <person>')
    .description('supprimer une personne, ses invitations et son accès (demande confirmation)')
    .action(defineAction(session, (ctx, [ref]) => deletePersonCommand(ctx, ref!)));

  registerPersonsImport(persons, session);
}

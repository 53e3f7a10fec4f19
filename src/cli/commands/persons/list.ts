import { listPersons } from '../../../persons/list-persons.js';
import { ACCESS_STATES } from '../../../persons/person.js';
import { parseRole, ROLE_LABELS } from '../../../persons/roles.js';
import type { CommandContext } from '../../context.js';
import { parseChoice } from '../../flags.js';
import { ACCESS_LABELS } from '../../labels.js';

export async function run(
  ctx: CommandContext,
  _args: string[],
  options: { role?: string; search?: string; access?: string },
): Promise<void> {
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
    persons.map((p) => [p.id, p.nom, p.prenom, ROLE_LABELS[p.role], p.email, ACCESS_LABELS[p.access]]),
  );
  ctx.out.info(`${persons.length} personne(s).`);
}

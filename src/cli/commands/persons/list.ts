import { listPersons } from '../../../persons/list-persons.js';
import { formatPhone } from '../../../persons/phone.js';
import { ACCESS_STATES } from '../../../persons/access-state.js';
import { parseRole, ROLE_LABELS } from '../../../persons/roles.js';
import type { CommandContext } from '../../context.js';
import { parseChoice } from '../../flags.js';
import { ACCESS_LABELS } from '../../labels.js';
import { parseWindow, reportHidden, takeMostRecent, type WindowOptions } from '../../list-window.js';
import { countOf, formatCount } from '../../plural.js';

interface ListOptions extends WindowOptions {
  role?: string;
  search?: string;
  access?: string;
}

export async function run(ctx: CommandContext, _args: string[], options: ListOptions): Promise<void> {
  const filter = {
    role: options.role === undefined ? undefined : parseRole(options.role),
    search: options.search,
    access:
      options.access === undefined ? undefined : parseChoice(options.access, ACCESS_STATES, '--access', ACCESS_LABELS),
  };
  const limit = parseWindow(options);
  const db = await ctx.database({ create: false });
  const all = await db.transaction((tx) => listPersons(tx, filter, ctx.clock()), { readOnly: true });
  // Ids grow with creation: the highest are the most recently added persons.
  const persons = takeMostRecent(all, limit, (person) => person.id);
  // The JSON keys are a contract (test/cli/persons-manage.test.ts): the phone is for the table.
  if (ctx.flags.json) return ctx.out.printJson(persons.map(({ telephone1: _, ...person }) => person));
  if (persons.length === 0) return ctx.out.info('Aucune personne ne correspond.');
  await ctx.out.table(
    [
      { title: 'id' },
      { title: 'nom', shrink: true },
      { title: 'prénom', shrink: true },
      { title: 'rôle', drop: 1 },
      { title: 'e-mail', shrink: true },
      { title: 'téléphone', drop: 0 },
      { title: 'accès' },
    ],
    persons.map((p) => [
      p.id,
      p.nom,
      p.prenom,
      ROLE_LABELS[p.role],
      p.email,
      formatPhone(p.telephone1),
      ACCESS_LABELS[p.access],
    ]),
  );
  ctx.out.info(
    `${countOf(persons.length, 'personne', 'personnes')}${all.length > persons.length ? ` sur ${formatCount(all.length)}` : ''}.`,
  );
  reportHidden(ctx, all.length - persons.length, ['personne', 'personnes'], 'ajoutées avant');
}

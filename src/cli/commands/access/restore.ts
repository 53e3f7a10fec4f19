import { restorePersonAccess } from '../../../flows/restore-access.js';
import type { CommandContext } from '../../context.js';
import { openFlowDeps } from '../../flow-deps.js';

export async function run(ctx: CommandContext, [ref]: string[]) {
  const { person, access } = await restorePersonAccess(await openFlowDeps(ctx), ctx, { personRef: ref! });
  if (ctx.flags.json) ctx.out.printJson({ person_id: person.id, access });
  ctx.out.success(
    access === 'active'
      ? `Accès de ${person.prenom} ${person.nom} rétabli.`
      : `Révocation levée pour ${person.prenom} ${person.nom} : invitez-la avec « zdl invites issue ${person.id} ».`,
  );
}

import { unlockPersonResets } from '../../../flows/unlock-resets.js';
import type { CommandContext } from '../../context.js';
import { openFlowDeps } from '../../flow-deps.js';

export async function run(ctx: CommandContext, [ref]: string[]) {
  const { person, failuresCleared } = await unlockPersonResets(await openFlowDeps(ctx), ctx, { personRef: ref! });
  if (ctx.flags.json) ctx.out.printJson({ person_id: person.id, failures_cleared: failuresCleared });
  ctx.out.success(
    `Réinitialisation débloquée pour ${person.prenom} ${person.nom} (${failuresCleared} code(s) erroné(s) oublié(s)) :` +
      ` envoyez-lui un nouvel e-mail avec « zdl reset send ${person.id} ».`,
  );
}

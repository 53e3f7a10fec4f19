import { revokePersonAccess } from '../../../flows/revoke-access.js';
import type { CommandContext } from '../../context.js';
import { openFlowDeps } from '../../flow-deps.js';
import { confirmDestructive } from '../../prompt.js';

export async function run(ctx: CommandContext, [ref]: string[]) {
  const { person, revoked } = await revokePersonAccess(await openFlowDeps(ctx), ctx, {
    personRef: ref!,
    confirm: (person) =>
      confirmDestructive(ctx.prompt, `Révoquer l'accès de ${person.prenom} ${person.nom} (n°${person.id}) ?`),
  });
  if (ctx.flags.json) ctx.out.printJson({ person_id: person.id, access: 'revoked', ...revoked });
  ctx.out.success(
    `Accès de ${person.prenom} ${person.nom} révoqué` +
      ` (${revoked.invites_revoked} invitation(s) et ${revoked.resets_invalidated} réinitialisation(s) annulée(s)).`,
  );
}

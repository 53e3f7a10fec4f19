import { deletePersonAfterConfirm } from '../../../flows/delete-person.js';
import type { CommandContext } from '../../context.js';
import { openFlowDeps } from '../../flow-deps.js';
import { confirmDestructive } from '../../prompt.js';

export async function run(ctx: CommandContext, [ref]: string[]): Promise<void> {
  const person = await deletePersonAfterConfirm(await openFlowDeps(ctx), ctx, {
    personRef: ref!,
    confirm: (person) =>
      confirmDestructive(
        ctx.prompt,
        `Supprimer ${person.prenom} ${person.nom} (n°${person.id}), ses invitations et son accès ?`,
      ),
  });
  if (ctx.flags.json) ctx.out.printJson({ deleted: person.id });
  ctx.out.success(`Personne n°${person.id} supprimée.`);
}

import { assertRolesSupported, grantAppAccess } from '../../../db/grant-app.js';
import type { CommandContext } from '../../context.js';

export async function run(ctx: CommandContext, [role]: string[]): Promise<void> {
  const database = await ctx.database();
  assertRolesSupported(database);
  const grant = await database.transaction((tx) => grantAppAccess(tx, role!));
  if (ctx.flags.json) ctx.out.printJson(grant);
  if (grant.granted.length === 0) {
    ctx.out.info(`Le rôle « ${grant.role} » avait déjà l'accès de connexion : rien à changer.`);
  } else {
    ctx.out.success(`Accès de connexion accordé au rôle « ${grant.role} » : ${grant.granted.join(', ')}.`);
  }
  if (grant.beyond.length > 0) {
    ctx.out.warn(
      `« ${grant.role} » a aussi des droits sur ${grant.beyond.join(', ')} : retirez-les (REVOKE ALL ON … FROM ${grant.role}).`,
    );
  }
  if (grant.superuser) {
    ctx.out.warn(
      `« ${grant.role} » est superutilisateur : il voit et modifie tout. Donnez à l'application un rôle sans privilège.`,
    );
  }
}

import { createPasswordReset } from '../../../auth/password-reset.js';
import { ZdlError } from '../../../errors.js';
import { sendPasswordResetEmail } from '../../../mail/send-account-emails.js';
import { findPerson } from '../../../persons/person.js';
import type { CommandContext } from '../../context.js';
import { openMailer } from '../../mailer.js';

export async function run(ctx: CommandContext, [ref]: string[]) {
  const [config, db] = await Promise.all([ctx.config(), ctx.database()]);
  const { person, reset } = await db.transaction(async (tx) => {
    const person = await findPerson(tx, ref!);
    return {
      person,
      reset: await createPasswordReset(tx, { personneId: person.id }, { actor: ctx.actor, now: ctx.clock() }),
    };
  });
  const who = `${person.prenom} ${person.nom}`;
  if (reset === 'no_active_account') {
    throw new ZdlError(
      'NO_ACTIVE_ACCESS',
      'conflict',
      `${who} n'a pas d'accès actif (jamais activé, ou révoqué) : pas de réinitialisation possible.`,
    );
  }
  if (reset === 'rate_limited') {
    throw new ZdlError(
      'RESET_RATE_LIMITED',
      'conflict',
      `Déjà 3 e-mails de réinitialisation envoyés à ${who} en 15 minutes : réessayez plus tard.`,
    );
  }
  if (reset === 'too_many_failures') {
    throw new ZdlError(
      'RESET_LOCKED',
      'conflict',
      `Trop de codes erronés pour ${who} : contrôlez ce compte avant de relancer une réinitialisation.`,
    );
  }
  await sendPasswordResetEmail(await openMailer(ctx), config.publicUrl, reset);
  if (ctx.flags.json) ctx.out.printJson({ person_id: person.id, email: reset.email, expires_at: reset.expires_at });
  ctx.out.success(`E-mail de réinitialisation envoyé à ${reset.email} (lien et code valables 20 minutes).`);
}

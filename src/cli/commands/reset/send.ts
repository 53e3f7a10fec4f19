import {
  RESET_EMAIL_WINDOW_MS,
  RESET_EMAILS_PER_WINDOW,
  RESET_VALIDITY_MS,
  type ResetRefusal,
} from '../../../auth/password-reset.js';
import { ZdlError } from '../../../errors.js';
import { sendPasswordResetToPerson } from '../../../flows/send-password-reset.js';
import type { CommandContext } from '../../context.js';
import { openFlowDeps } from '../../flow-deps.js';

const minutes = (ms: number) => `${ms / 60_000} minutes`;

function refusalError(who: string, reason: ResetRefusal): ZdlError {
  switch (reason) {
    case 'no_active_account':
      return new ZdlError(
        'NO_ACTIVE_ACCESS',
        'conflict',
        `${who} n'a pas d'accès actif (jamais activé, ou révoqué) : pas de réinitialisation possible.`,
      );
    case 'rate_limited':
      return new ZdlError(
        'RESET_RATE_LIMITED',
        'conflict',
        `Déjà ${RESET_EMAILS_PER_WINDOW} e-mails de réinitialisation envoyés à ${who} en ${minutes(RESET_EMAIL_WINDOW_MS)} : réessayez plus tard.`,
      );
    case 'too_many_failures':
      return new ZdlError(
        'RESET_LOCKED',
        'conflict',
        `Trop de codes erronés pour ${who} : contrôlez ce compte avant de relancer une réinitialisation.`,
      );
  }
}

export async function run(ctx: CommandContext, [ref]: string[]) {
  const result = await sendPasswordResetToPerson(await openFlowDeps(ctx, { sendsMail: true }), ctx, {
    personRef: ref!,
  });
  if (result.status === 'refused') {
    throw refusalError(`${result.person.prenom} ${result.person.nom}`, result.reason);
  }
  const { person, reset } = result;
  if (ctx.flags.json) ctx.out.printJson({ person_id: person.id, email: reset.email, expires_at: reset.expires_at });
  ctx.out.success(
    `E-mail de réinitialisation envoyé à ${reset.email} (lien et code valables ${minutes(RESET_VALIDITY_MS)}).`,
  );
}

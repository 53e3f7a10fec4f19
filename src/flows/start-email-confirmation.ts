import type { ActorContext } from '../actor.js';
import { markConfirmationMailFailed, startPendingActivation } from '../auth/pending-activation.js';
import { sendEmailConfirmationEmail } from '../mail/send-account-emails.js';
import { type ActivationRefusal, isActivationRefusal } from './activation-refusal.js';
import type { FlowDeps } from './deps.js';

/** What the page « Confirmez votre adresse e-mail » needs: where it went, and its form's token. */
export interface PendingConfirmation {
  email: string;
  formToken: string;
  expiresAt: Date;
}

/**
 * Records the pending activation (replacing an earlier one of the same invitation) and sends the
 * link and code to the typed address after the commit; a refused e-mail does not count toward
 * the cap. Nothing is spent: the invitation stays usable until the address is confirmed.
 */
export async function startEmailConfirmation(
  deps: Pick<FlowDeps, 'db' | 'mailer' | 'clock' | 'tasks' | 'publicUrl'>,
  actor: Pick<ActorContext, 'actor'>,
  input: { inviteId: number; email: string; passwordHash: string },
): Promise<
  { status: 'confirmation_sent'; confirmation: PendingConfirmation } | { status: 'refused'; refusal: ActivationRefusal }
> {
  let created: Awaited<ReturnType<typeof startPendingActivation>>;
  try {
    created = await deps.db.transaction((tx) =>
      startPendingActivation(tx, input, { actor: actor.actor, now: deps.clock() }),
    );
  } catch (error) {
    if (isActivationRefusal(error)) return { status: 'refused', refusal: error };
    throw error;
  }
  deps.tasks.run('e-mail de confirmation d’adresse', async () => {
    try {
      return await sendEmailConfirmationEmail(deps.mailer, deps.publicUrl, created);
    } catch (error) {
      await deps.db
        .transaction((tx) => markConfirmationMailFailed(tx, created.invite_id, created.formToken))
        .catch(() => {});
      throw error;
    }
  });
  return {
    status: 'confirmation_sent',
    confirmation: { email: created.email, formToken: created.formToken, expiresAt: created.expires_at },
  };
}

import type { ActorContext } from '../actor.js';

/** The pages act as `web` in the audit trail (the person is known only after the fact). */
export const WEB_ACTOR: Pick<ActorContext, 'actor'> = { actor: 'web' };

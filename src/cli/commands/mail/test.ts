import { z } from 'zod';
import { ZdlError } from '../../../errors.js';
import { renderTestEmail } from '../../../mail/templates/test-email.js';
import type { CommandContext } from '../../context.js';
import { openFlowDeps } from '../../flow-deps.js';

export async function run(ctx: CommandContext, [address]: string[]) {
  if (!z.email().safeParse(address).success) {
    throw new ZdlError('INVALID_EMAIL', 'usage', `Adresse invalide : « ${address} ».`);
  }
  const { mailer } = await openFlowDeps(ctx, { sendsMail: true });
  const result = await mailer.send({
    ...renderTestEmail(),
    to: { email: address! },
    template: 'test',
    personId: null,
  });
  if (ctx.flags.json) ctx.out.printJson(result);
  ctx.out.success(
    result.status === 'outbox'
      ? `E-mail de test écrit dans ${result.outboxFile}.`
      : `E-mail de test accepté par MailerSend (${result.messageId ?? 'sans identifiant'}).`,
  );
}

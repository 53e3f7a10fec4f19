import type { Command } from 'commander';
import { ZdlError } from '../../errors.js';
import { defineAction } from '../action.js';
import type { CommandContext, Session } from '../context.js';
import { parseLimit } from '../flags.js';
import { formatDateTime } from '../format.js';
import { openMailer } from '../mailer.js';

const STATUS_LABELS = { sent: 'envoyé', failed: 'échec', outbox: 'boîte locale' } as const;

async function testCommand(ctx: CommandContext, address: string) {
  const { z } = await import('zod');
  if (!z.email().safeParse(address).success) {
    throw new ZdlError('INVALID_EMAIL', 'usage', `Adresse invalide : « ${address} ».`);
  }
  const [mailer, { renderTestEmail }] = await Promise.all([
    openMailer(ctx),
    import('../../mail/templates/test-email.js'),
  ]);
  const result = await mailer.send({
    ...renderTestEmail(),
    to: { email: address },
    template: 'test',
    personneId: null,
  });
  if (ctx.flags.json) ctx.out.printJson(result);
  ctx.out.success(
    result.status === 'outbox'
      ? `E-mail de test écrit dans ${result.outboxFile}.`
      : `E-mail de test accepté par MailerSend (${result.messageId ?? 'sans identifiant'}).`,
  );
}

async function logCommand(ctx: CommandContext, options: { person?: string; limit?: string }) {
  const [{ listEmailLog }, { findPerson }] = await Promise.all([
    import('../../mail/log.js'),
    import('../../persons/person.js'),
  ]);
  const limit = options.limit === undefined ? 50 : parseLimit(options.limit);
  const db = await ctx.database();
  const rows = await db.transaction(async (tx) => {
    const personneId = options.person === undefined ? undefined : (await findPerson(tx, options.person)).id;
    return listEmailLog(tx, { personneId, limit });
  });
  if (ctx.flags.json) return ctx.out.printJson(rows);
  if (rows.length === 0) return ctx.out.info('Aucun e-mail dans le journal.');
  await ctx.out.table(
    ['quand', 'à', 'modèle', 'état', 'essai', 'id MailerSend', 'erreur'],
    rows.map((r) => [
      formatDateTime(r.at),
      r.to,
      r.template,
      STATUS_LABELS[r.status],
      r.attempt,
      r.provider_message_id,
      r.error,
    ]),
  );
}

async function resetSendCommand(ctx: CommandContext, ref: string) {
  const [{ findPerson }, { createPasswordReset }, { sendPasswordResetEmail }] = await Promise.all([
    import('../../persons/person.js'),
    import('../../auth/password-reset.js'),
    import('../../mail/send-account-emails.js'),
  ]);
  const [config, db] = await Promise.all([ctx.config(), ctx.database()]);
  const { person, reset } = await db.transaction(async (tx) => {
    const person = await findPerson(tx, ref);
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

export function registerMailCommands(program: Command, session: Session): void {
  const mail = program.command('mail').description('e-mails : test d’envoi, journal');
  mail
    .command('test <adresse>')
    .description('envoyer un e-mail de test (vérifie MailerSend ou la boîte locale)')
    .action(defineAction(session, (ctx, [address]) => testCommand(ctx, address!)));
  mail
    .command('log')
    .description('journal des envois (jamais le contenu)')
    .option('--person <person>', "identifiant ou e-mail d'une personne")
    .option('--limit <n>', 'nombre de lignes (défaut 50)')
    .action(defineAction(session, (ctx, _args, options) => logCommand(ctx, options)));

  const reset = program.command('reset').description('mots de passe : réinitialisation');
  reset
    .command('send <person>')
    .description("envoyer l'e-mail de réinitialisation (lien + code, 20 minutes) à une personne")
    .action(defineAction(session, (ctx, [ref]) => resetSendCommand(ctx, ref!)));
}

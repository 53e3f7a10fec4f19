import { randomBytes } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { systemClock, type Clock } from '../clock.js';
import type { Mailbox, Mailer, MailMessage, MailResult, Notice, RecordAttempt } from './message.js';
import { buildEmailParams } from './payload.js';

// Without a MailerSend key (development, tests) each e-mail becomes one JSON file: the exact body
// that would have been POSTed, plus the template name. The files hold live invitation codes and
// reset tokens, hence a private directory and private files.

export interface OutboxOptions {
  dir: string;
  from: Mailbox;
  recordAttempt: RecordAttempt;
  clock?: Clock;
  onNotice?: Notice;
}

/** `2026-12-04T14-05-12-345Z-invitation-3f9a1c0b.json`: sorts by time, then template. */
export function buildOutboxFileName(at: Date, template: string): string {
  const stamp = at.toISOString().replace(/[:.]/g, '-');
  return `${stamp}-${template}-${randomBytes(4).toString('hex')}.json`;
}

export function createOutboxMailer(options: OutboxOptions): Mailer {
  const clock = options.clock ?? systemClock;

  async function send(message: MailMessage): Promise<MailResult> {
    const now = clock();
    // mode only applies to directories created here; the umask can only remove bits from it.
    await mkdir(options.dir, { recursive: true, mode: 0o700 });
    const file = path.join(options.dir, buildOutboxFileName(now, message.template));
    const body = {
      ...buildEmailParams(options.from, message),
      template: message.template,
      created_at: now.toISOString(),
    };
    // 'wx': never overwrite an existing file, even on a (very unlikely) name collision.
    await writeFile(file, `${JSON.stringify(body, null, 2)}\n`, { mode: 0o600, flag: 'wx' });
    try {
      await options.recordAttempt({
        to: message.to.email,
        personId: message.personId ?? null,
        template: message.template,
        status: 'outbox',
        providerMessageId: null,
        attempt: 1,
        error: null,
      });
    } catch (error) {
      // Same rule as for MailerSend: the e-mail exists, a lost log line must not undo that.
      const reason = error instanceof Error ? error.message : String(error);
      options.onNotice?.(
        `Journal des e-mails indisponible (e-mail vers ${message.to.email} non enregistré) : ${reason}`,
      );
    }
    return { status: 'outbox', outboxFile: file };
  }

  return { kind: 'outbox', send };
}

import { mkdtempSync } from 'node:fs';
import path from 'node:path';
import { parseConfig } from '../../src/config.js';
import type { FlowDeps } from '../../src/flows/deps.js';
import { resolveInviteCodeKeys } from '../../src/invites/resolve-code-keys.js';
import { createLoggedMailer } from '../../src/mail/create-logged-mailer.js';
import type { TestDatabase } from './database.js';
import { createTestClock, PUBLIC_URL, readOutbox, type TestClock } from './http.js';

export const ADMIN = { actor: 'cli:admin-test' };

export interface AdminFlowDeps extends Pick<FlowDeps, 'db' | 'mailer' | 'clock' | 'publicUrl' | 'inviteKeys'> {
  clock: TestClock;
  outbox(): ReturnType<typeof readOutbox>;
}

/**
 * The admin use cases' real dependencies on the test database: the logged mailer writing to an
 * outbox of their own (or to MailerSend at `mailerSendUrl`), a clock the test moves.
 */
export function makeAdminDeps(t: TestDatabase, options: { mailerSendUrl?: string } = {}): AdminFlowDeps {
  const outbox = mkdtempSync(path.join(t.dir, 'admin-outbox-'));
  const env: Record<string, string> = { ...t.env, ZDL_PUBLIC_URL: PUBLIC_URL, ZDL_MAIL_OUTBOX: outbox };
  if (options.mailerSendUrl)
    Object.assign(env, { MAILERSEND_API_KEY: 'mlsn.test', MAILERSEND_API_URL: options.mailerSendUrl });
  const config = parseConfig(env, t.dir);
  const clock = createTestClock();
  return {
    db: t.db,
    mailer: createLoggedMailer(config, t.db, { clock, sleep: async () => {} }),
    clock,
    publicUrl: PUBLIC_URL,
    inviteKeys: resolveInviteCodeKeys(config),
    outbox: () => readOutbox(outbox),
  };
}

/** Rows of one table for one person, to check what a use case left behind. */
export async function countRows(
  t: TestDatabase,
  table: 'user_invites' | 'accounts' | 'password_resets',
  personId: number,
) {
  const [row] = await t.db.transaction((tx) =>
    table === 'password_resets'
      ? tx<{ n: number }[]>`
          select count(*)::int as n from zdl.password_resets r join zdl.accounts a on a.id = r.account_id
          where a.personne_id = ${personId}`
      : tx<{ n: number }[]>`select count(*)::int as n from ${tx(`zdl.${table}`)} where personne_id = ${personId}`,
  );
  return row!.n;
}

import { mkdtempSync } from 'node:fs';
import path from 'node:path';
import { parseConfig } from '../../src/config.js';
import type { FlowDeps } from '../../src/flows/deps.js';
import { createBackgroundTasks } from '../../src/http/background-tasks.js';
import { resolveInviteCodeKeys } from '../../src/invites/resolve-code-keys.js';
import { createLoggedMailer } from '../../src/mail/create-logged-mailer.js';
import type { TestDatabase } from './database.js';
import { createTestClock, PUBLIC_URL, type TestClock } from './http.js';

export interface TestFlowDeps extends FlowDeps {
  clock: TestClock;
  outbox: string;
  /** Background failures, one line each (a task that throws). */
  failures: string[];
  /** Resolves once the e-mails started by a use case have been written. */
  settle(): Promise<void>;
}

/** The use cases' real dependencies on the test database: an outbox of their own, a movable clock. */
export function makeFlowDeps(t: TestDatabase): TestFlowDeps {
  const outbox = mkdtempSync(path.join(t.dir, 'flow-outbox-'));
  const config = parseConfig({ ...t.env, ZDL_PUBLIC_URL: PUBLIC_URL, ZDL_MAIL_OUTBOX: outbox }, t.dir);
  const clock = createTestClock();
  const failures: string[] = [];
  const tasks = createBackgroundTasks((label, error) => failures.push(`${label}: ${String(error)}`));
  return {
    db: t.db,
    mailer: createLoggedMailer(config, t.db, { clock }),
    clock,
    tasks,
    publicUrl: PUBLIC_URL,
    inviteKeys: resolveInviteCodeKeys(config),
    signposts: config,
    outbox,
    failures,
    settle: async () => {
      await tasks.settle();
    },
  };
}

/** The audit rows of one person, oldest first. */
export async function auditOf(t: TestDatabase, personId: number) {
  return t.db.transaction(
    (tx) =>
      tx<{ actor: string; action: string }[]>`
        select actor, action from zdl.audit_log where personne_id = ${personId} order by id`,
  );
}

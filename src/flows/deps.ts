import type { Clock } from '../clock.js';
import type { Database } from '../db/client.js';
import type { InviteCodeKeys } from '../invites/code-keys.js';
import type { Mailer } from '../mail/message.js';
import type { Signposts } from '../signposts.js';

/**
 * Work started after a commit without making the person wait (e-mails): a failure is the
 * runner's to log, never the person's page. `zdl serve` passes its background tasks.
 */
export interface TaskRunner {
  run(label: string, task: () => Promise<unknown>): void;
}

/** What the web use cases need from the outside world, injected so tests control it. */
export interface FlowDeps {
  db: Database;
  mailer: Mailer;
  clock: Clock;
  tasks: TaskRunner;
  /** ZDL_PUBLIC_URL: links in e-mails are built from it, never from a request. */
  publicUrl: string;
  /** The application to sign in to and whom to ask, for the e-mails (src/signposts.ts). */
  signposts: Signposts;
  /** Keys of the invitation codes' hashes (src/invites/resolve-code-keys.ts). */
  inviteKeys: InviteCodeKeys;
}

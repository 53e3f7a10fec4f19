import { afterAll, beforeAll } from 'vitest';
import { type CliResult, runCli } from './cli.js';
import type { TestDatabase } from './database.js';
import { type FakeMailerSend, startFakeMailerSend } from './fake-mailersend.js';

export interface MailerSendCli {
  /** The file's fake MailerSend API (started before its tests, closed after). */
  readonly fake: FakeMailerSend;
  /** The CLI on the test database, sending through that fake. */
  run(...argv: string[]): Promise<CliResult>;
}

/** Call at a test file's top level: a fake MailerSend for the file and the CLI pointed at it. */
export function useMailerSendCli(t: TestDatabase): MailerSendCli {
  let fake: FakeMailerSend | undefined;
  beforeAll(async () => {
    fake = await startFakeMailerSend();
  });
  afterAll(() => fake?.close());
  return {
    get fake() {
      if (!fake) throw new Error('the fake MailerSend starts in beforeAll');
      return fake;
    },
    run: (...argv) =>
      runCli(argv, {
        env: {
          ...t.env,
          MAILERSEND_API_KEY: 'mlsn.test-key',
          MAILERSEND_API_URL: fake!.url,
          ZDL_MAIL_FROM: 'ZDL <acces@zdl.example>',
        },
        cwd: t.dir,
      }),
  };
}

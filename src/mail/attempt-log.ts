import type { Database } from '../db/client.js';
import { recordEmailAttempts } from './log.js';
import type { EmailAttempt, RecordAttempt } from './message.js';

const MAX_BATCH = 1_000;

interface Waiting {
  attempt: EmailAttempt;
  resolve: () => void;
  reject: (error: unknown) => void;
}

/**
 * Records each e-mail attempt in zdl.email_log, in its own transaction when it is alone. Attempts
 * made while a write is in flight (a server e-mailing several people at once) wait for it and go
 * together in the next one: one statement and one commit for all, in the order they were made.
 * Each caller learns its own outcome (a failed write fails every attempt it held).
 */
export function createAttemptLog(db: Database): RecordAttempt {
  const waiting: Waiting[] = [];
  let writing = false;

  async function drain(): Promise<void> {
    writing = true;
    while (waiting.length > 0) {
      // Bounded: one statement takes 7 parameters a row, PostgreSQL 65 535 at most.
      const batch = waiting.splice(0, MAX_BATCH);
      try {
        await db.transaction((tx) =>
          recordEmailAttempts(
            tx,
            batch.map((entry) => entry.attempt),
          ),
        );
        for (const entry of batch) entry.resolve();
      } catch (error) {
        for (const entry of batch) entry.reject(error);
      }
    }
    writing = false;
  }

  return (attempt) =>
    new Promise<void>((resolve, reject) => {
      waiting.push({ attempt, resolve, reject });
      if (!writing) void drain();
    });
}

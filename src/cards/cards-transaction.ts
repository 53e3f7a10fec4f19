import type { Database, Sql } from '../db/client.js';
import { discardCardsFile, publishCardsFile } from './cards-file.js';

/** Where the cards go once the transaction that issued their codes has committed. */
export interface CardsTarget {
  file: string;
  force: boolean;
}

/**
 * Runs `fn` in one transaction; `fn` stages the cards' PDF (stageInviteCards) and hands the
 * staged path to `keep`. The file gets its name only after the commit; if the transaction fails,
 * nothing is published and the staged file is removed. The database may run `fn` again (a
 * deadlock, a connection handed over): each attempt stages its own file, and only the committed
 * attempt's is published; the others, whose codes were rolled back, are removed. No deadline
 * (ZDL_DB_TIMEOUT): drawing a sheet of many cards inside the transaction takes what it takes, and
 * an attempt abandoned at a deadline would stage its file after this function cleaned up.
 */
export async function transactionWithCards<T>(
  db: Database,
  target: CardsTarget | null,
  fn: (tx: Sql, keep: (staged: string) => void) => Promise<T>,
): Promise<T> {
  const staged: string[] = [];
  let attempt: string | undefined;
  let result: T;
  try {
    result = await db.transaction(
      (tx) => {
        attempt = undefined;
        return fn(tx, (file) => {
          staged.push(file);
          attempt = file;
        });
      },
      { timeoutMs: null },
    );
  } catch (error) {
    for (const file of staged) await discardCardsFile(file);
    throw error;
  }
  for (const file of staged) if (file !== attempt) await discardCardsFile(file);
  if (attempt && target) await publishCardsFile(attempt, target.file, target.force);
  else if (attempt) await discardCardsFile(attempt);
  return result;
}

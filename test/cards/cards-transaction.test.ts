import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { stageCardsFile } from '../../src/cards/cards-file.js';
import { transactionWithCards } from '../../src/cards/cards-transaction.js';
import type { Database, Sql } from '../../src/db/client.js';

// The database runs a transaction's function again after a deadlock or a connection handed over:
// each attempt stages its own PDF, and only the committed attempt's may get the file's name.

/** Runs `fn` once per outcome: 'retry' rolls it back and runs it again, 'fail' throws. */
function fakeDatabase(outcomes: ('retry' | 'fail' | 'commit')[]): Database {
  return {
    async transaction<T>(fn: (tx: Sql) => Promise<T>): Promise<T> {
      for (const outcome of outcomes) {
        const result = await fn({} as Sql);
        if (outcome === 'commit') return result;
        if (outcome === 'fail') throw new Error('Transaction non validée');
      }
      throw new Error('no commit');
    },
  } as unknown as Database;
}

function scratch(): { dir: string; file: string } {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'zdl-cards-tx-'));
  return { dir, file: path.join(dir, 'cartes.pdf') };
}

describe('transactionWithCards', () => {
  test('after a retry, only the committed attempt is published; the rolled-back one is removed', async () => {
    const { dir, file } = scratch();
    let attempt = 0;
    const result = await transactionWithCards(
      fakeDatabase(['retry', 'commit']),
      { file, force: false },
      async (_tx, keep) => {
        attempt++;
        keep(await stageCardsFile(file, new TextEncoder().encode(`essai ${attempt}`)));
        return attempt;
      },
    );
    expect(result).toBe(2);
    expect(readdirSync(dir)).toEqual(['cartes.pdf']);
    expect(readFileSync(file, 'utf8')).toBe('essai 2');
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  test('a failed transaction removes every staged file and publishes none', async () => {
    const { dir, file } = scratch();
    const failing = transactionWithCards(fakeDatabase(['retry', 'fail']), { file, force: false }, async (_tx, keep) => {
      keep(await stageCardsFile(file, new TextEncoder().encode('jamais')));
    });
    await expect(failing).rejects.toThrow('Transaction non validée');
    expect(readdirSync(dir)).toEqual([]);
  });

  test('an attempt that commits without cards (nothing to print) removes the earlier staged ones', async () => {
    const { dir, file } = scratch();
    let attempt = 0;
    await transactionWithCards(fakeDatabase(['retry', 'commit']), { file, force: false }, async (_tx, keep) => {
      if (++attempt === 1) keep(await stageCardsFile(file, new TextEncoder().encode('annulé')));
    });
    expect(readdirSync(dir)).toEqual([]);
  });
});

import { describe, expect, test } from 'vitest';
import { isZdlError } from '../../src/errors.js';
import { type CsvBatch, readPersonsCsv } from '../../src/persons/parse-persons-csv.js';

// readPersonsCsv hands the rows over in batches of exactly batchSize (bad rows count), in file
// order, and reads no further while the caller is still taking one (the database writing it).

const rows = (count: number) =>
  Array.from({ length: count }, (_, i) => (i === 3 ? ',SansNom' : `Nom${i};Prénom${i}`).replace(',', ';'));

describe('readPersonsCsv', () => {
  test('batches of batchSize rows, valid or not, one at a time', async () => {
    const seen: { lines: number[]; errors: number[] }[] = [];
    let taking = false;
    const release: (() => void)[] = [];
    const reading = readPersonsCsv(`nom;prenom\n${rows(7).join('\n')}\n`, {
      batchSize: 3,
      onBatch: (batch: CsvBatch) => {
        expect(taking).toBe(false); // never two batches at once
        taking = true;
        seen.push({ lines: batch.persons.map((p) => p.line), errors: batch.errors.map((e) => e.line) });
        return new Promise<void>((resolve) =>
          release.push(() => {
            taking = false;
            resolve();
          }),
        );
      },
    });
    for (let i = 0; i < 3; i++) {
      await expect.poll(() => release.length).toBe(i + 1);
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(seen).toHaveLength(i + 1); // waits for the batch it handed over
      release[i]!();
    }
    await expect(reading).resolves.toEqual({ ignoredColumns: [] });
    expect(seen).toEqual([
      { lines: [2, 3, 4], errors: [] },
      { lines: [6, 7], errors: [5] },
      { lines: [8], errors: [] },
    ]);
  });

  test('a file larger than a chunk: every row once, the character cut by a chunk whole', async () => {
    const count = 20_000; // ~400 KB: several 64 KB chunks
    const body = Array.from({ length: count }, (_, i) => `Œuvré${i};Hélène`).join('\n');
    // The first name made longer until byte 65 536, where the second chunk starts, is in the
    // middle of a character.
    let text = '';
    for (let pad = 0; pad < 40; pad++) {
      text = `nom;prenom\nX${'x'.repeat(pad)}${body}\n`;
      if ((Buffer.from(text)[65_536]! & 0xc0) === 0x80) break;
    }
    expect(Buffer.from(text)[65_536]! & 0xc0).toBe(0x80);
    const lines: number[] = [];
    const names = new Set<string>();
    await readPersonsCsv(text, {
      onBatch: (batch) => {
        for (const p of batch.persons) {
          lines.push(p.line);
          names.add(p.input.prenom);
          if (!p.input.nom.startsWith('X')) expect(p.input.nom).toMatch(/^Œuvré\d+$/);
        }
        expect(batch.errors).toEqual([]);
      },
    });
    expect(lines).toEqual(Array.from({ length: count }, (_, i) => i + 2));
    expect([...names]).toEqual(['Hélène']);
  });

  test('an unreadable file is a ZdlError naming its line, after the batches before it', async () => {
    const batches: number[] = [];
    const error = await readPersonsCsv(`nom;prenom\nA;B\nC;D\n"E;F\n`, {
      batchSize: 1,
      onBatch: (batch) => void batches.push(batch.persons.length),
    }).catch((caught: unknown) => caught);
    expect(isZdlError(error) && error.code).toBe('INVALID_CSV');
    expect((error as Error).message).toMatch(/^Fichier CSV illisible \(ligne \d\) : /);
  });
});

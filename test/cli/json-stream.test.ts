import { describe, expect, test } from 'vitest';
import { jsonArray, writeJson } from '../../src/cli/json-stream.js';

// writeJson must write exactly what printJson (JSON.stringify(value, null, 2) and a newline)
// writes: scripts and tests parse it, people diff it.

function written(value: unknown): { text: string; chunks: number } {
  const chunks: string[] = [];
  writeJson({ write: (chunk: string) => chunks.push(chunk) }, value);
  return { text: chunks.join(''), chunks: chunks.length };
}

const pretty = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;

describe('writeJson', () => {
  test('the bytes of JSON.stringify(value, null, 2) for every kind of value', () => {
    const samples: unknown[] = [
      null,
      0,
      -1.5,
      'texte « accentué » \u2028 "guillemets" \\ \n',
      true,
      [],
      {},
      [[], {}, [[]], { a: {} }],
      { a: undefined, b: () => 1, c: null, d: [undefined, () => 1, Number.NaN, Number.POSITIVE_INFINITY] },
      { at: new Date('2026-12-01T10:00:00.123Z'), nested: { list: [1, 'deux', { trois: [3] }] } },
      { toJSON: () => ({ replaced: true }) },
      { 'clé "spéciale"': 1, '': 2, 10: 'dix', 2: 'deux' },
    ];
    for (const value of samples) expect(written(value).text).toBe(pretty(value));
  });

  test('a lazy array writes as the array it yields, empty or not, at any depth', () => {
    const people = Array.from({ length: 5 }, (_, i) => ({
      line: i + 2,
      nom: `Nom\n${i} « ${'"'}guillemet${'"'} »`,
      invite: i % 2 ? null : { id: i, expires_at: new Date(Date.UTC(2026, 11, i + 1)), tags: [[], {}, [i]] },
      none: undefined,
    }));
    const value = (lazy: boolean) => ({
      encoding: 'utf-8',
      persons: lazy ? jsonArray(people.map((p) => p)) : people,
      none: lazy ? jsonArray([]) : [],
      deep: [{ inner: lazy ? jsonArray(new Set([1, 2])) : [1, 2] }],
      nested: lazy ? jsonArray([{ a: jsonArray([{ b: 1 }]) }, undefined, 'x']) : [{ a: [{ b: 1 }] }, undefined, 'x'],
      after: 1,
    });
    expect(written(value(true)).text).toBe(pretty(value(false)));
  });

  test('a large value goes out in several chunks, the same bytes', () => {
    const rows = Array.from({ length: 5_000 }, (_, i) => ({ line: i, nom: `Nom${i}`, code: 'ZDL-ABCDEF-GHJKM' }));
    const out = written({ persons: jsonArray(rows) });
    expect(out.chunks).toBeGreaterThan(5);
    expect(out.text).toBe(pretty({ persons: rows }));
  });
});

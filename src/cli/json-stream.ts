import type { OutStream } from './io.js';

// `--json` of a 100 000-row import is ~30 MB of text: JSON.stringify would hold all of it, and
// every element it came from, at once. writeJson writes the same bytes in chunks, and takes
// the long arrays as iterables (jsonArray) whose elements are made one at a time.

/** An array for writeJson whose elements are produced as they are written (iterated once). */
export class JsonArray<T> {
  constructor(readonly items: Iterable<T>) {}
}

export const jsonArray = <T>(items: Iterable<T>) => new JsonArray(items);

const CHUNK = 64 * 1024;

/** What JSON.stringify would put for a value, after toJSON; undefined: left out (or null in an array). */
function resolve(value: unknown, key: string): unknown {
  if (value !== null && typeof value === 'object' && typeof (value as { toJSON?: unknown }).toJSON === 'function') {
    return (value as { toJSON(key: string): unknown }).toJSON(key);
  }
  return value;
}

const omitted = (value: unknown) => value === undefined || typeof value === 'function' || typeof value === 'symbol';

function containsLazy(value: unknown): boolean {
  if (value instanceof JsonArray) return true;
  if (value === null || typeof value !== 'object') return false;
  return Object.values(value).some(containsLazy);
}

function* pieces(value: unknown, indent: string): Generator<string> {
  if (value instanceof JsonArray || Array.isArray(value)) {
    const inner = `${indent}  `;
    let first = true;
    let index = 0;
    for (const raw of value instanceof JsonArray ? value.items : value) {
      const item = resolve(raw, String(index++));
      yield first ? `[\n${inner}` : `,\n${inner}`;
      first = false;
      if (omitted(item)) yield 'null';
      else if (value instanceof JsonArray && !containsLazy(item)) {
        // An element at once: JSON.stringify's own indentation, shifted. Its only raw newlines
        // are the ones it put between lines (a newline inside a string is written \n).
        yield (JSON.stringify(item, null, 2) ?? 'null').replaceAll('\n', `\n${inner}`);
      } else yield* pieces(item, inner);
    }
    yield first ? '[]' : `\n${indent}]`;
    return;
  }
  if (value !== null && typeof value === 'object') {
    const inner = `${indent}  `;
    let first = true;
    for (const [key, raw] of Object.entries(value)) {
      const item = resolve(raw, key);
      if (omitted(item)) continue;
      yield `${first ? '{\n' : ',\n'}${inner}${JSON.stringify(key)}: `;
      first = false;
      yield* pieces(item, inner);
    }
    yield first ? '{}' : `\n${indent}}`;
    return;
  }
  yield JSON.stringify(value);
}

/** Writes `value` as `JSON.stringify(value, null, 2)` and a newline, in chunks of ~64 KB. */
export function writeJson(stream: OutStream, value: unknown): void {
  let buffer = '';
  for (const piece of pieces(resolve(value, ''), '')) {
    buffer += piece;
    if (buffer.length >= CHUNK) {
      stream.write(buffer);
      buffer = '';
    }
  }
  stream.write(`${buffer}\n`);
}

import stringWidth from 'string-width';
import { describe, expect, test } from 'vitest';
import { renderTable, truncate } from '../../src/cli/table.js';

// Latin text is measured by length; anything else (CJK, emoji, combining marks) by string-width,
// loaded the first time such a cell appears: both must line columns up the same way.
describe('table', () => {
  test('columns line up whatever the script: Latin, CJK, emoji, combining accents', () => {
    const rows = [
      [1, 'Zoé', 'zoe@exemple.org'],
      [2, '山田太郎', 'yamada@exemple.org'],
      [3, 'Ana 🎉', 'ana@exemple.org'],
      [4, 'Noe\u0308l', 'noel@exemple.org'],
    ];
    const lines = renderTable([{ title: 'id' }, { title: 'nom' }, { title: 'e-mail' }], rows, 80).split('\n');
    const emailColumn = lines.map((line) => stringWidth(line.slice(0, line.lastIndexOf(' ') + 1)));
    expect(new Set(emailColumn.slice(2)).size).toBe(1); // every e-mail starts at the same column
    expect(lines[3]).toContain('山田太郎');
  });

  test('a cut keeps whole characters and the width asked for', () => {
    expect(truncate('山田太郎', 5)).toBe('山田…');
    expect(stringWidth(truncate('山田太郎', 5))).toBeLessThanOrEqual(5);
    expect(truncate('Dominique-Geneviève', 10)).toBe('Dominique…');
  });
});

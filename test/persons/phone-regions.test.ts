import { describe, expect, test } from 'vitest';
import { parseEachRegion, toE164 } from '../../src/persons/phone.js';

// toE164 reads a national number (0X XX XX XX XX) without parsing it once per region: it must
// give exactly what parsing it with each region in turn gives, overseas departments first.

const reference = (typed: string) => parseEachRegion(typed)?.number ?? null;

/** Every 0ABCD prefix (every range of every region is one of them), each with its own tail. */
function everyPrefix(): string[] {
  const numbers: string[] = [];
  for (let prefix = 1000; prefix < 10000; prefix++) {
    const tail = String((prefix * 7919) % 100000).padStart(5, '0');
    numbers.push(`0${prefix}${tail}`);
  }
  for (let prefix = 100; prefix < 1000; prefix++) {
    for (const tail of ['000000', '123456', '999999']) numbers.push(`0${prefix}${tail}`);
  }
  return numbers;
}

describe('national numbers read as the region-by-region parse reads them', () => {
  test('every prefix, metropolitan and overseas, valid or not', () => {
    const numbers = everyPrefix();
    const differing = numbers.filter((typed) => toE164(typed) !== reference(typed));
    expect(differing).toEqual([]);
    // The set covers what matters: each region's numbers, French ones, and impossible ones.
    const found = new Set(numbers.map((typed) => toE164(typed)?.match(/^\+(33|262|590|594|596|508)/)?.[1] ?? null));
    expect([...found].sort()).toEqual(['262', '33', '508', '590', '594', '596', null].sort());
  });

  test('numbers also valid in France read as overseas, as the overseas regions come first', () => {
    const overseas: [string, string][] = [
      ['0596 61 23 45', '+596596612345'],
      ['0269 60 12 34', '+262269601234'],
      ['0590 27 12 34', '+590590271234'],
      ['0594 30 12 34', '+594594301234'],
      ['06 12 34 56 78', '+33612345678'],
    ];
    for (const [typed, e164] of overseas) {
      expect([typed, toE164(typed)]).toEqual([typed, e164]);
      expect([typed, reference(typed)]).toEqual([typed, e164]);
    }
  });

  test('as typed: separators, international forms, odd and impossible ones', () => {
    const typed = [
      '06 12 34 56 78',
      '06.12.34.56.78',
      '06-12-34-56-78',
      '0612345678',
      ' 06 12 34 56 78 ',
      '0 6 1 2 3 4 5 6 7 8',
      '06 12 34 56 7',
      '06 12 34 56 789',
      '0692 12 34 56',
      '0692-12.34 56',
      '+33 6 12 34 56 78',
      '+33612345678',
      '0033 6 12 34 56 78',
      '+33 (0)6 12 34 56 78',
      '+262 692 12 34 56',
      '00262 692 12 34 56',
      '+590 690 12 34 56',
      '+508 41 12 34',
      '41 12 34',
      '(06) 12 34 56 78',
      '06/12/34/56/78',
      '33612345678',
      '262692123456',
      '612345678',
      '00 12 34 56 78',
      '07 00 12 34 56',
      '12',
      'pas de téléphone',
      '06 12 34 56 78 poste 12',
    ];
    for (const text of typed) expect([text, toE164(text)]).toEqual([text, reference(text)]);
  });
});

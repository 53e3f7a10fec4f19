import { describe, expect, it } from 'vitest';
import { isZdlError } from '../../src/errors.js';
import { parseMailbox } from '../../src/mail/parse-mailbox.js';

describe('parseMailbox', () => {
  it.each([
    ['ZDL <acces@zdl.org>', { email: 'acces@zdl.org', name: 'ZDL' }],
    ['  Accès ZDL   <acces@zdl.org> ', { email: 'acces@zdl.org', name: 'Accès ZDL' }],
    ['"ZDL, accès" <acces@zdl.org>', { email: 'acces@zdl.org', name: 'ZDL, accès' }],
    ['"Dit \\"ZDL\\"" <acces@zdl.org>', { email: 'acces@zdl.org', name: 'Dit "ZDL"' }],
    ['<acces@zdl.org>', { email: 'acces@zdl.org' }],
    ['acces@zdl.org', { email: 'acces@zdl.org' }],
  ])('parses %s', (input, expected) => {
    expect(parseMailbox(input)).toEqual(expected);
  });

  it.each(['ZDL', 'ZDL <pas une adresse>', 'ZDL <acces@zdl.org> en trop'])(
    'rejects %s as invalid configuration',
    (input) => {
      let caught: unknown;
      try {
        parseMailbox(input);
      } catch (error) {
        caught = error;
      }
      expect(isZdlError(caught, 'INVALID_CONFIG')).toBe(true);
    },
  );
});

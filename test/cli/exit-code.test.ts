import { describe, expect, test } from 'vitest';
import { describeForTerminal, exitCodeFor } from '../../src/cli/exit-code.js';
import { ZdlError } from '../../src/errors.js';

describe('the CLI edge for typed errors', () => {
  test('exit codes by kind: 2 usage/invalid/conflict, 3 not found, 1 operational or untyped', () => {
    expect(exitCodeFor(new ZdlError('INVALID_OPTION', 'usage', 'x'))).toBe(2);
    expect(exitCodeFor(new ZdlError('INVALID_CSV', 'invalid', 'x'))).toBe(2);
    expect(exitCodeFor(new ZdlError('PERSON_EMAIL_TAKEN', 'conflict', 'x'))).toBe(2);
    expect(exitCodeFor(new ZdlError('PERSON_NOT_FOUND', 'not_found', 'x'))).toBe(3);
    expect(exitCodeFor(new ZdlError('DATABASE_UNREACHABLE', 'operational', 'x'))).toBe(1);
    expect(exitCodeFor(new Error('boom'))).toBe(1);
  });

  test('the command to run next is added at the edge, not in the domain message', () => {
    const revoked = new ZdlError(
      'ACCESS_REVOKED',
      'conflict',
      "L'accès de cette personne est révoqué : rétablissez-le d'abord.",
    );
    expect(revoked.message).not.toContain('zdl');
    expect(describeForTerminal(revoked)).toBe(
      `${revoked.message}\nRétablissez l’accès avec « zdl access restore <personne> ».`,
    );
    const plain = new ZdlError('PERSON_NOT_FOUND', 'not_found', 'Personne introuvable : 7.');
    expect(describeForTerminal(plain)).toBe(plain.message);
  });
});

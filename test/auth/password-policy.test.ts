import { describe, expect, it } from 'vitest';
import { checkPassword, countCodePoints, normalizePassword } from '../../src/auth/password-policy.js';
import { isCommonPassword, loadCommonPasswords } from '../../src/auth/common-passwords.js';

const GOOD = 'cheval agrafe pile correcte';
const person = { email: 'camille.martin@exemple.fr', nom: 'Martin', prenom: 'Camille' };

function check(password: string, extra: Partial<Parameters<typeof checkPassword>[0]> = {}) {
  return checkPassword({ password, confirm: password, ...person, ...extra });
}

describe('common password list', () => {
  it('holds far more than the 3 000 most common passwords, folded', () => {
    const list = loadCommonPasswords();
    expect(list.size).toBeGreaterThan(3000);
    expect(loadCommonPasswords()).toBe(list); // loaded once
    expect(isCommonPassword('password')).toBe(true);
    expect(isCommonPassword('AZERTYUIOP')).toBe(true);
    expect(isCommonPassword('MotDePassé')).toBe(true);
    expect(isCommonPassword(GOOD)).toBe(false);
  });
});

describe('checkPassword', () => {
  it('accepts a good passphrase', () => {
    expect(check(GOOD)).toEqual({ ok: true });
  });

  it('requires a password and at least 8 characters', () => {
    expect(check('')).toEqual({ ok: false, field: 'password', reason: 'Saisissez un mot de passe.' });
    expect(check('Ab3$xyz')).toEqual({
      ok: false,
      field: 'password',
      reason: 'Le mot de passe doit contenir au moins 8 caractères.',
    });
    expect(check('Ab3$xyzq')).toEqual({ ok: true });
  });

  it('imposes no composition rule', () => {
    expect(check('ceciestunephrasetoutenminuscules')).toEqual({ ok: true });
    expect(check('9284 7719 3026 5511')).toEqual({ ok: true });
  });

  it('counts Unicode code points, not UTF-16 units', () => {
    const eightEmoji = '🦊🌲🚲🎻🍐🧭🪁🐙';
    expect(eightEmoji.length).toBe(16);
    expect(countCodePoints(eightEmoji)).toBe(8);
    expect(check(eightEmoji)).toEqual({ ok: true });
    const fourEmoji = '🦊🌲🚲🎻'; // 8 UTF-16 units, 4 characters
    expect(check(fourEmoji)).toMatchObject({ ok: false, field: 'password' });
  });

  it('allows 64 and 128 characters, refuses 129 without truncating', () => {
    expect(check('k7'.repeat(32))).toEqual({ ok: true });
    expect(check(`${'q'.repeat(127)}z`)).toEqual({ ok: true });
    expect(check('🦊'.repeat(128))).toEqual({ ok: true });
    expect(check('q'.repeat(129))).toEqual({
      ok: false,
      field: 'password',
      reason: 'Le mot de passe ne doit pas dépasser 128 caractères.',
    });
  });

  it('normalizes with NFC before counting and comparing', () => {
    const composed = 'Élan vital du soir';
    const decomposed = composed.normalize('NFD');
    expect(decomposed).not.toBe(composed);
    expect(normalizePassword(decomposed)).toBe(normalizePassword(composed));
    expect(checkPassword({ password: composed, confirm: decomposed })).toEqual({ ok: true });
  });

  it('refuses common passwords, ignoring case', () => {
    // The list is lower-case; "Password1" is refused as "password1".
    for (const password of ['password', 'Password1', 'AZERTYUIOP', 'iloveyou', '123456789', 'motdepasse']) {
      expect(check(password)).toEqual({
        ok: false,
        field: 'password',
        reason: 'Ce mot de passe fait partie des mots de passe les plus courants : choisissez-en un autre.',
      });
    }
  });

  it("refuses the service's name", () => {
    expect(check('MonAccesZDL2025')).toMatchObject({
      ok: false,
      field: 'password',
      reason: expect.stringContaining('ZDL'),
    });
  });

  it('refuses the e-mail address as the password, with digits or punctuation, not a sentence containing it', () => {
    const refused = {
      ok: false,
      field: 'password',
      reason: 'Le mot de passe ne doit pas être votre adresse e-mail, même suivie de chiffres.',
    };
    const email = 'camille.martin@exemple.fr';
    for (const password of ['camille.martin', 'CAMILLE.MARTIN2025', 'martin-camille!!', 'Camille Martin 1990'])
      expect(checkPassword({ password, confirm: password, email })).toEqual(refused);
    const tagged = 'jojo+zdl@exemple.fr'; // the +tag is not what the person types as a login
    expect(checkPassword({ password: 'jojo2025jojo', confirm: 'jojo2025jojo', email: tagged })).toEqual(refused);
    for (const password of ['jojo+ecole 2025', 'xxCAMILLE.MARTINxx'])
      expect(checkPassword({ password, confirm: password, email })).toEqual({ ok: true });
  });

  it('refuses the nom or prénom as the password (in any order, with digits), not every sentence containing them', () => {
    const refused = {
      ok: false,
      field: 'password',
      reason: 'Le mot de passe ne doit pas être votre nom ou votre prénom, même suivi de chiffres.',
    };
    const hélène = { email: 'h@exemple.fr', nom: 'Dupré-Lefèvre', prenom: 'Hélène' };
    for (const password of ['HELENE2025!!', 'dupre lefevre', 'Lefèvre Hélène 1985', 'helene-helene-01'])
      expect(checkPassword({ password, confirm: password, ...hélène })).toEqual(refused);
    for (const password of ['Hélène aime les tulipes rouges', 'les lefevre 1990', 'xxdupreyy-zz'])
      expect(checkPassword({ password, confirm: password, ...hélène })).toEqual({ ok: true });
    // « Léa »: a three-letter prénom no longer refuses every passphrase that contains "lea".
    const léa = { nom: 'Martin', prenom: 'Léa' };
    expect(
      checkPassword({ password: 'la plage de lea est belle', confirm: 'la plage de lea est belle', ...léa }),
    ).toEqual({
      ok: true,
    });
    expect(checkPassword({ password: 'Lea20242024', confirm: 'Lea20242024', ...léa })).toEqual(refused);
    // Short names count too when they are the whole password.
    expect(checkPassword({ password: 'libo2024!', confirm: 'libo2024!', nom: 'Li', prenom: 'Bo' })).toEqual(refused);
    expect(checkPassword({ password: 'libo libo lune', confirm: 'libo libo lune', nom: 'Li', prenom: 'Bo' })).toEqual({
      ok: true,
    });
  });

  it('refuses a missing or different confirmation, on the confirmation field', () => {
    expect(checkPassword({ password: GOOD, confirm: '' })).toEqual({
      ok: false,
      field: 'password_confirm',
      reason: 'Saisissez à nouveau le mot de passe pour le confirmer.',
    });
    expect(checkPassword({ password: GOOD, confirm: `${GOOD} ` })).toEqual({
      ok: false,
      field: 'password_confirm',
      reason: 'Les deux mots de passe ne correspondent pas.',
    });
  });

  it('reports the password problem before the confirmation mismatch', () => {
    expect(checkPassword({ password: 'court', confirm: 'autre' })).toMatchObject({ field: 'password' });
  });
});

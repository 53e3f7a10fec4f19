import { foldForComparison, isCommonPassword } from './common-passwords.js';

// Password rules after NIST SP 800-63B rev 4 (§3.1.1.2) and OWASP ASVS 5 (§6.2): length only, no
// composition rules, no truncation, a blocklist, and the reason for a refusal shown to the person.
//
// Unicode: passwords are normalised with NFC (RFC 8265 OpaqueString; src/auth/password-hash.ts hashes
// NFC too) before counting, so the same password typed on another OS (composed vs decomposed accents)
// measures and matches the same. NIST suggests NFKC/NFKD; NFC keeps compatibility characters distinct,
// and what matters most is that the policy measures exactly what is hashed. Length is counted in code
// points of that normalised form, so 8 emoji are 8 characters.

export const MIN_PASSWORD_LENGTH = 8;
export const MAX_PASSWORD_LENGTH = 128;
// The service's own name is an "expected" password component (NIST: context-specific words).
const SERVICE_NAME = 'zdl';

export interface PasswordCandidate {
  password: string;
  confirm: string;
  email?: string | null | undefined;
  nom?: string | null | undefined;
  prenom?: string | null | undefined;
}

export type PasswordCheck = { ok: true } | { ok: false; field: 'password' | 'password_confirm'; reason: string };

/** The form of a password that is measured and compared (the same as password-hash.ts hashes). */
export function normalizePassword(password: string): string {
  return password.normalize('NFC');
}

/** Number of Unicode code points (not UTF-16 units): an emoji counts as one character. */
export function countCodePoints(text: string): number {
  let count = 0;
  for (const _ of text) count++;
  return count;
}

/** The letters of a text, folded: « Camille.Durand-1990! » → camilledurand. */
function lettersOf(text: string): string {
  return foldForComparison(text).replace(/[^\p{L}]/gu, '');
}

/** Letter runs of the given texts (« Dupré-Lefèvre » → dupre, lefevre), each folded. */
function letterParts(...texts: Array<string | null | undefined>): string[] {
  return texts.flatMap((text) =>
    text
      ? foldForComparison(text)
          .split(/[^\p{L}]+/u)
          .filter(Boolean)
      : [],
  );
}

/** The e-mail's local part without a "+tag" sub-address: what a person types as their login. */
function emailLocalPart(email: string | null | undefined): string | undefined {
  if (!email) return undefined;
  const at = email.lastIndexOf('@');
  return (at >= 0 ? email.slice(0, at) : email).split('+', 1)[0];
}

/**
 * Whether the password's letters are nothing but these parts, in any order, any number of times
 * (« durand camille 1990 », « Camille2024! »), digits and punctuation aside. NIST SP 800-63B
 * refuses context-specific words *as the secret*, not every sentence that contains one: a
 * three-letter prénom such as « Léa » must not refuse every passphrase containing "lea"
 * (« Hélène aime les tulipes rouges » is a good one), while the name plus digits is refused.
 */
function isOnlyParts(password: string, parts: string[]): boolean {
  const core = lettersOf(password);
  if (core === '' || parts.length === 0) return false;
  // reachable[i]: core[0, i) splits into parts.
  const reachable = [true, ...Array<boolean>(core.length).fill(false)];
  for (let i = 0; i < core.length; i++) {
    if (!reachable[i]) continue;
    for (const part of parts) if (core.startsWith(part, i)) reachable[i + part.length] = true;
  }
  return reachable[core.length] === true;
}

function refuse(field: 'password' | 'password_confirm', reason: string): PasswordCheck {
  return { ok: false, field, reason };
}

/** Checks a new password against the policy; the first failing rule gives the French reason. */
export function checkPassword(candidate: PasswordCandidate): PasswordCheck {
  const password = normalizePassword(candidate.password);
  const length = countCodePoints(password);
  if (length === 0) return refuse('password', 'Saisissez un mot de passe.');
  if (length < MIN_PASSWORD_LENGTH) {
    return refuse('password', `Le mot de passe doit contenir au moins ${MIN_PASSWORD_LENGTH} caractères.`);
  }
  if (length > MAX_PASSWORD_LENGTH) {
    return refuse('password', `Le mot de passe ne doit pas dépasser ${MAX_PASSWORD_LENGTH} caractères.`);
  }
  if (isCommonPassword(password)) {
    return refuse(
      'password',
      'Ce mot de passe fait partie des mots de passe les plus courants : choisissez-en un autre.',
    );
  }
  const folded = foldForComparison(password);
  if (folded.includes(SERVICE_NAME)) {
    return refuse('password', 'Le mot de passe ne doit pas contenir le nom du service (ZDL).');
  }
  if (isOnlyParts(password, letterParts(emailLocalPart(candidate.email)))) {
    return refuse('password', 'Le mot de passe ne doit pas être votre adresse e-mail, même suivie de chiffres.');
  }
  if (isOnlyParts(password, letterParts(candidate.nom, candidate.prenom))) {
    return refuse('password', 'Le mot de passe ne doit pas être votre nom ou votre prénom, même suivi de chiffres.');
  }
  if (candidate.confirm === '') {
    return refuse('password_confirm', 'Saisissez à nouveau le mot de passe pour le confirmer.');
  }
  if (normalizePassword(candidate.confirm) !== password) {
    return refuse('password_confirm', 'Les deux mots de passe ne correspondent pas.');
  }
  return { ok: true };
}

import { createRequire } from 'node:module';

// The blocklist of common passwords (NIST SP 800-63B rev 4 §3.1.1.2, ASVS 5 §6.2.4: at least the top
// 3 000). Source: @zxcvbn-ts/language-common's `passwords-common` dictionary, ~49 000 entries ranked by
// frequency from leaked-password corpora, lower-case, including French favourites (azerty, soleil,
// marseille, motdepasse…). Loaded lazily and synchronously (~20 ms, once) through `require`, because the
// package ships CommonJS without an `exports` map.

const require = createRequire(import.meta.url);

let commonPasswords: ReadonlySet<string> | undefined;

/** Lower-cases and strips accents so « Motdépasse » and « MOTDEPASSE » match « motdepasse ». */
export function foldForComparison(text: string): string {
  return text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
}

/** Loads (once) and returns the folded blocklist; call it at server start to keep the first request fast. */
export function loadCommonPasswords(): ReadonlySet<string> {
  if (!commonPasswords) {
    const { dictionary } = require('@zxcvbn-ts/language-common') as {
      dictionary: { 'passwords-common': string[] };
    };
    commonPasswords = new Set(dictionary['passwords-common'].map(foldForComparison));
  }
  return commonPasswords;
}

/** True when the password, ignoring case and accents, is on the blocklist. */
export function isCommonPassword(password: string): boolean {
  return loadCommonPasswords().has(foldForComparison(password));
}

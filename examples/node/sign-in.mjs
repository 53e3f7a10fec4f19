// Sign people in against the accounts zdl writes (docs/sign-in.md), with postgres.js and argon2
// (`npm install postgres argon2`). The database role needs nothing more than what
// `zdl db grant-app <role>` grants: SELECT on zdl.sign_in_accounts, EXECUTE on zdl.rehash_password.
//
//   const sql = postgres(process.env.ZDL_APP_DATABASE_URL);
//   const person = await signIn(sql, 'zoe@example.org', typedPassword); // Person | null

import argon2 from 'argon2';
import { pathToFileURL } from 'node:url';
import postgres from 'postgres';

// zdl's parameters: argon2id, m=19 MiB, t=2, p=1 (OWASP Password Storage Cheat Sheet). verify()
// reads each hash's own parameters; these decide needsRehash() and the hashes written back.
const OPTIONS = { type: argon2.argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 };

// Verified when the address is unknown, so that unknown and known addresses take the same time.
const DUMMY_HASH = await argon2.hash('zdl: no such account', OPTIONS);

export const ROLE_LABELS = { administrateur: 'administrateur', employe: 'employé', benevole: 'bénévole' };

/**
 * node-argon2 writes `m=…,p=…,t=…` (ranisalt/node-argon2#559); the PHC format, and zdl's check
 * constraint, require `m=…,t=…,p=…`. Reorder before storing anything.
 */
export function toCanonicalPhc(hash) {
  return hash.replace(/^(\$argon2id\$v=\d+\$)m=(\d+),p=(\d+),t=(\d+)\$/, '$1m=$2,t=$4,p=$3$');
}

/** @typedef {{ id: number, nom: string, prenom: string, role: 'administrateur' | 'employe' | 'benevole', email: string }} Person */

const toPerson = (row) => ({ id: row.person_id, nom: row.nom, prenom: row.prenom, role: row.role, email: row.email });

async function verify(hash, password) {
  try {
    return await argon2.verify(hash, password);
  } catch {
    return false;
  }
}

/** @returns {Promise<Person | null>} the person whose zdl account matches, or null. */
export async function signIn(sql, email, password) {
  // lower() on both sides: zdl keeps the address as typed and is unique on lower(email).
  const [row] = await sql`
    select person_id, nom, prenom, role, email, password_hash, active
    from zdl.sign_in_accounts where lower(email) = lower(${email.trim()})`;
  // zdl hashes the NFC form; a password typed on a Mac may arrive decomposed (NFD).
  const typed = password.normalize('NFC');
  // No hash: a Google-only account, or one revoked before it was activated.
  const verified = (await verify(row?.password_hash ?? DUMMY_HASH, typed)) && Boolean(row?.password_hash);
  if (!verified || !row.active) return null;
  if (argon2.needsRehash(row.password_hash, OPTIONS)) await rehash(sql, row.person_id, row.password_hash, typed);
  return toPerson(row);
}

/** After your own Google sign-in verified the ID token: match its `sub`, never the e-mail. */
export async function signInWithGoogle(sql, googleSub) {
  const [row] = await sql`
    select person_id, nom, prenom, role, email, active from zdl.sign_in_accounts where google_sub = ${googleSub}`;
  return row?.active ? toPerson(row) : null;
}

/** Call it on each request (or every few minutes): zdl may revoke access at any time. */
export async function isStillActive(sql, personId) {
  const [row] = await sql`select active from zdl.sign_in_accounts where person_id = ${personId}`;
  return row?.active === true;
}

/** Stores a hash with zdl's current parameters; does nothing if the hash changed meanwhile. */
export async function rehash(sql, personId, oldHash, nfcPassword) {
  const newHash = toCanonicalPhc(await argon2.hash(nfcPassword, OPTIONS));
  const [row] = await sql`select zdl.rehash_password(${personId}, ${oldHash}, ${newHash}) as replaced`;
  return row.replaced;
}

// Used by zdl's test suite: JSON requests on stdin, one JSON answer per request on stdout.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const chunks = [];
  for await (const chunk of process.stdin) chunks.push(chunk);
  const sql = postgres(process.env.DATABASE_URL, { max: 1, onnotice: () => {} });
  const answers = [];
  for (const request of JSON.parse(Buffer.concat(chunks).toString('utf8'))) {
    const person =
      'google_sub' in request
        ? await signInWithGoogle(sql, request.google_sub)
        : await signIn(sql, request.email, request.password);
    answers.push(person && { ...person, role_label: ROLE_LABELS[person.role] });
  }
  await sql.end();
  console.log(JSON.stringify(answers));
}

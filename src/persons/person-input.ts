import { z } from 'zod';
import { ZdlError } from '../errors.js';
import { toE164 } from './phone.js';
import { ROLES, parseRole, type Role } from './roles.js';

// One definition of a valid Personne, shared by `persons add`, `persons edit` and the CSV import.

const FIELD_LABELS: Record<string, string> = {
  nom: 'nom',
  prenom: 'prénom',
  telephone1: 'téléphone 1',
  telephone2: 'téléphone 2',
  email: 'e-mail',
  role: 'rôle',
};

const blankToNull = (value: unknown) => (typeof value === 'string' && value.trim() === '' ? null : value);

// Invisible "format" characters (Unicode category Cf): bidi overrides and isolates (U+202A–202E,
// U+2066–2069, the LRM/RLM/ALM marks), zero-width spaces and joiners (U+200B–200D, U+2060, U+FEFF),
// the soft hyphen… In a name they only serve to disguise it: « Martin\u202Eeniram » shows reversed
// in an admin table, « Zo\u200Bé » looks like « Zoé » but is another person (Unicode TR #36 §2,
// the Trojan Source attack, CVE-2021-42574).
const INVISIBLE = /\p{Cf}/u;

function codePoint(char: string): string {
  return `U+${char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
}

const name = z
  .string({ error: 'obligatoire' })
  .trim()
  .min(1, 'obligatoire')
  .max(100, '100 caractères au plus')
  .regex(/^[^\p{Cc}]*$/u, 'caractères de contrôle interdits')
  .superRefine((value, ctx) => {
    const found = INVISIBLE.exec(value);
    if (found) {
      ctx.addIssue({
        code: 'custom',
        message: `caractère invisible ou de sens d’écriture interdit (${codePoint(found[0])}) : retapez le nom`,
      });
    }
  });

// Stored in E.164 (+33612345678); a number that cannot exist is refused, naming what was typed.
const phone = z.preprocess(
  blankToNull,
  z
    .string()
    .trim()
    .transform((value, ctx) => {
      const e164 = toE164(value);
      if (e164 === null) {
        ctx.addIssue({
          code: 'custom',
          message: `numéro impossible « ${value} » (exemples : 06 12 34 56 78, +33 6 12 34 56 78, +262 692 12 34 56)`,
        });
        return z.NEVER;
      }
      return e164;
    })
    .nullable(),
);

const email = z.preprocess(
  blankToNull,
  z
    .string()
    .trim()
    .max(254, '254 caractères au plus')
    .pipe(z.email({ error: 'adresse invalide' }))
    .nullable(),
);

const role = z.string().transform((value, ctx): Role => {
  try {
    return parseRole(value);
  } catch {
    ctx.addIssue({ code: 'custom', message: `inconnu (possibles : ${ROLES.join(', ')})` });
    return z.NEVER;
  }
});

export const personInputSchema = z.object({
  nom: name,
  prenom: name,
  telephone1: phone.optional().transform((value) => value ?? null),
  telephone2: phone.optional().transform((value) => value ?? null),
  email: email.optional().transform((value) => value ?? null),
  role: z
    .preprocess(blankToNull, role.nullable())
    .optional()
    .transform((value) => value ?? 'benevole'),
});

export type PersonInput = z.output<typeof personInputSchema>;

const personPatchSchema = z.object({
  nom: name.optional(),
  prenom: name.optional(),
  telephone1: phone.optional(),
  telephone2: phone.optional(),
  email: email.optional(),
  role: role.optional(),
});

export type PersonPatch = z.output<typeof personPatchSchema>;

/** How the caller names each field (`--tel1` on the command line); the French label otherwise. */
export type FieldNames = Partial<Record<string, string>>;

/** French, one line per problem: « e-mail : adresse invalide ». */
export function describeIssues(error: z.ZodError, names: FieldNames = {}): string[] {
  return error.issues.map((issue) => {
    const field = String(issue.path[0]);
    return `${names[field] ?? FIELD_LABELS[field] ?? field} : ${issue.message}`;
  });
}

function parseWith<T>(schema: z.ZodType<T>, input: unknown, names: FieldNames): T {
  const result = schema.safeParse(input);
  if (!result.success) {
    throw new ZdlError(
      'INVALID_PERSON',
      'invalid',
      `Données invalides : ${describeIssues(result.error, names).join(' ; ')}`,
    );
  }
  return result.data;
}

export const parsePersonInput = (input: unknown, names: FieldNames = {}): PersonInput =>
  parseWith(personInputSchema, input, names);
export const parsePersonPatch = (input: unknown, names: FieldNames = {}): PersonPatch =>
  parseWith(personPatchSchema, input, names);

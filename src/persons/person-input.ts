import { z } from 'zod';
import { ZdlError } from '../errors.js';
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

const phone = z.preprocess(
  blankToNull,
  z
    .string()
    .trim()
    .regex(/^\+?[0-9][0-9 .()-]{2,38}$/, 'numéro invalide (chiffres, espaces, + . - ( ) acceptés)')
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

/** French, one line per problem: « e-mail : adresse invalide ». */
export function describeIssues(error: z.ZodError): string[] {
  return error.issues.map(
    (issue) => `${FIELD_LABELS[String(issue.path[0])] ?? String(issue.path[0])} : ${issue.message}`,
  );
}

function parseWith<T>(schema: z.ZodType<T>, input: unknown): T {
  const result = schema.safeParse(input);
  if (!result.success) {
    throw new ZdlError('INVALID_PERSON', 'invalid', `Données invalides : ${describeIssues(result.error).join(' ; ')}`);
  }
  return result.data;
}

export const parsePersonInput = (input: unknown): PersonInput => parseWith(personInputSchema, input);
export const parsePersonPatch = (input: unknown): PersonPatch => parseWith(personPatchSchema, input);

import { ZdlError } from '../errors.js';

export const ROLES = ['administrateur', 'employe', 'benevole'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  administrateur: 'administrateur',
  employe: 'employé',
  benevole: 'bénévole',
};

/** Accepts `employé`, `Bénévole`, `ADMINISTRATEUR`…: accents and case are not the point. */
export function parseRole(input: string): Role {
  const plain = input
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .trim()
    .toLowerCase();
  const role = ROLES.find((candidate) => candidate === plain);
  if (!role) {
    throw new ZdlError('INVALID_ROLE', 'usage', `Rôle inconnu : « ${input} ». Rôles possibles : ${ROLES.join(', ')}.`);
  }
  return role;
}

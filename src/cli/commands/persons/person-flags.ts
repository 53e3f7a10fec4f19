/** The person's fields as `persons add` and `persons edit` take them. */
export interface PersonFlags {
  nom?: string;
  prenom?: string;
  tel1?: string;
  tel2?: string;
  email?: string;
  role?: string;
}

/** The flags under the domain's field names, for parsePersonInput / parsePersonPatch. */
export function personFields(flags: PersonFlags) {
  return {
    nom: flags.nom,
    prenom: flags.prenom,
    telephone1: flags.tel1,
    telephone2: flags.tel2,
    email: flags.email,
    role: flags.role,
  };
}

/** The flags whose name differs from the field's, for errors: « téléphone 1 (--tel1) : numéro impossible… ». */
export const FLAG_NAMES = {
  telephone1: 'téléphone 1 (--tel1)',
  telephone2: 'téléphone 2 (--tel2)',
};

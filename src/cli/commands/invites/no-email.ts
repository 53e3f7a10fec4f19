import { ZdlError } from '../../../errors.js';
import type { Person } from '../../../persons/person.js';

/** `invites issue --send` and `invites resend` for someone without an address: what to do next. */
export function noEmailError(person: Person): ZdlError {
  return new ZdlError(
    'NO_EMAIL',
    'usage',
    `${person.prenom} ${person.nom} n'a pas d'adresse e-mail : ajoutez-la avec « zdl persons edit ${person.id} --email … ».`,
  );
}

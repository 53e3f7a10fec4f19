import { z } from 'zod';

// Field schemas shared by the three forms, with their French messages.

/** A missing field reads as empty, so that "required" gives the field's own message. */
export const text = () => z.string().default('');

export const emailField = z
  .string()
  .default('')
  .transform((value) => value.trim())
  .pipe(
    z
      .string()
      .min(1, 'Saisissez votre adresse e-mail.')
      .max(254, 'Cette adresse e-mail est trop longue (254 caractères au plus).')
      .pipe(z.email({ error: 'Saisissez une adresse e-mail valide, par exemple prenom.nom@exemple.fr.' })),
  );

/** Passwords are taken exactly as typed (no trim): beyond presence, the policy decides. */
export const passwordField = text().pipe(z.string().min(1, 'Saisissez un mot de passe.'));
export const passwordConfirmField = text().pipe(
  z.string().min(1, 'Confirmez le mot de passe en le saisissant une seconde fois.'),
);

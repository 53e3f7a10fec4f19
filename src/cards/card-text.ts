import { formatParisDateTime } from '../mail/templates/format-date.js';

/** Printed at the top of every card (the pages say « ZDL — Espace d’accès des membres »). */
export const ASSOCIATION_NAME = 'ZDL';

/** One person's card: the secret code and the link that carries it. */
export interface InviteCard {
  prenom: string;
  nom: string;
  code: string;
  /** `ZDL_PUBLIC_URL/activate?code=…`, what the QR code holds. */
  link: string;
  expiresAt: Date;
}

/** What every card of a sheet shares. */
export interface CardSheet {
  association: string;
  /** `ZDL_PUBLIC_URL`, to print the address to type by hand. */
  publicUrl: string;
  /** `ZDL_CONTACT` when configured: who to ask. */
  contact?: string;
}

/**
 * The address to type: without `https://`, which browsers add by themselves; an `http://`
 * address keeps its scheme, since a browser would otherwise try https first.
 */
export function formatTypedAddress(publicUrl: string): string {
  return `${publicUrl.replace(/\/+$/, '')}/activate`.replace(/^https:\/\//, '');
}

export const CARD_INSTRUCTIONS = [
  '1. Scannez le code QR avec votre téléphone, ou tapez l’adresse.',
  '2. Si le code n’est pas déjà rempli, recopiez-le.',
  '3. Choisissez un mot de passe : votre accès est activé.',
] as const;

export function formatCardExpiry(expiresAt: Date): string {
  return `Valable jusqu’au ${formatParisDateTime(expiresAt)} (heure de Paris).`;
}

export function formatCardContact(contact: string | undefined): string {
  return contact ? `Une question ? ${contact}` : 'Une question ? Adressez-vous à un administrateur de l’association.';
}

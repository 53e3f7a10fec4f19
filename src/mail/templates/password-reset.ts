import type { RenderedEmail } from '../message.js';
import { renderLinkAndCodeEmail } from './link-and-code.js';

export interface PasswordResetEmailInput {
  prenom: string;
  /** Full link, from buildResetUrl(publicUrl, token). */
  resetUrl: string;
  /** The 6-digit code asked on the reset page. */
  otp: string;
}

export function renderPasswordResetEmail(input: PasswordResetEmailInput): RenderedEmail {
  return renderLinkAndCodeEmail({
    subject: 'Réinitialisation de votre mot de passe ZDL',
    prenom: input.prenom,
    intro: 'Une réinitialisation du mot de passe de votre accès ZDL a été demandée.',
    url: input.resetUrl,
    linkLead: 'Pour choisir un nouveau mot de passe, ouvrez ce lien :',
    buttonLabel: 'Choisir un nouveau mot de passe',
    codeLead: {
      text: 'puis saisissez ce code à 6 chiffres :',
      html: 'Sur cette page, saisissez ce code à 6 chiffres :',
    },
    otp: input.otp,
    notYou: 'Si vous n’êtes pas à l’origine de cette demande, ignorez ce message : votre mot de passe reste inchangé.',
  });
}

import type { RenderedEmail } from '../message.js';
import { renderLinkAndCodeEmail } from './link-and-code.js';

export interface EmailConfirmationInput {
  prenom: string;
  /** Full link, from buildConfirmEmailUrl(publicUrl, token). */
  confirmUrl: string;
  /** The 6-digit code asked on the page « Confirmez votre adresse e-mail ». */
  otp: string;
}

/** Sent to an address typed at activation that is not the one on file: the access waits for it. */
export function renderEmailConfirmationEmail(input: EmailConfirmationInput): RenderedEmail {
  return renderLinkAndCodeEmail({
    subject: 'Confirmez votre adresse e-mail pour activer votre accès ZDL',
    prenom: input.prenom,
    intro: 'Cette adresse a été saisie pour activer un accès ZDL. L’accès sera activé dès qu’elle sera confirmée.',
    url: input.confirmUrl,
    linkLead: 'Pour la confirmer, ouvrez ce lien :',
    buttonLabel: 'Confirmer mon adresse e-mail',
    codeLead: {
      text: 'ou saisissez ce code à 6 chiffres sur la page d’activation :',
      html: 'Ou saisissez ce code à 6 chiffres sur la page d’activation :',
    },
    otp: input.otp,
    notYou:
      'Si vous n’êtes pas à l’origine de cette demande, ignorez ce message : aucun accès ne sera relié à cette adresse.',
  });
}

import { PAGE_PATHS } from '../../page-paths.js';
import { html } from '../../html.js';
import { renderLayout } from './layout.js';

interface ErrorText {
  title: string;
  message: string;
}

const DEFAULTS: Record<number, ErrorText> = {
  400: {
    title: 'Requête invalide',
    message: 'La requête n’a pas pu être traitée. Vérifiez le lien ou le formulaire, puis réessayez.',
  },
  403: {
    title: 'Requête refusée',
    message:
      'Cette requête semble venir d’un autre site : elle a été refusée par sécurité. Revenez à l’accueil et réessayez depuis ce site.',
  },
  404: {
    title: 'Page introuvable',
    message: 'La page demandée n’existe pas. Vérifiez l’adresse ou revenez à l’accueil.',
  },
  405: { title: 'Méthode non autorisée', message: 'Cette action n’est pas possible sur cette page.' },
  413: { title: 'Requête trop volumineuse', message: 'Les données envoyées dépassent la taille autorisée.' },
  415: { title: 'Format non pris en charge', message: 'Le formulaire a été envoyé dans un format non pris en charge.' },
  429: { title: 'Trop de tentatives', message: 'Trop de tentatives, réessayez dans quelques minutes.' },
  500: { title: 'Erreur inattendue', message: 'Une erreur inattendue est survenue. Réessayez dans quelques instants.' },
  503: {
    title: 'Service indisponible',
    message: 'Le service est momentanément indisponible. Réessayez dans quelques minutes.',
  },
};

function pickDefaults(status: number): ErrorText {
  return DEFAULTS[status] ?? (status >= 500 ? DEFAULTS[500]! : DEFAULTS[400]!);
}

/** A French error page; unknown statuses fall back to the generic 4xx / 5xx texts. */
export function renderErrorPage(status: number, options: { title?: string; message?: string } = {}): string {
  const defaults = pickDefaults(status);
  const title = options.title ?? defaults.title;
  const message = options.message ?? defaults.message;
  return renderLayout(
    title,
    html`<p class="status-code">Erreur ${status}</p>
<h1>${title}</h1>
<p>${message}</p>
<div class="actions"><a class="button secondary" href="${PAGE_PATHS.home}">Retour à l’accueil</a></div>`,
  );
}

import { formatDateTime } from './format.js';

// The audit log stores stable codes (`invite.issued`, ISO UTC dates) for scripts and `--json`;
// the admins read French phrases and Paris time.

const ACTION_LABELS: Record<string, string> = {
  'person.created': 'personne créée',
  'person.updated': 'personne modifiée',
  'person.deleted': 'personne supprimée',
  'invite.issued': 'invitation créée',
  'invite.revoked': 'invitation révoquée',
  'invite.purged': 'invitations purgées',
  'access.confirmation_sent': 'activation : adresse à confirmer, e-mail envoyé',
  'access.confirmation_failed': 'activation : code de confirmation erroné',
  'access.activated': 'accès activé',
  'access.revoked': 'accès révoqué',
  'access.restored': 'accès rétabli',
  'password.reset_requested': 'réinitialisation demandée',
  'password.reset_failed': 'réinitialisation : code erroné',
  'password.reset_completed': 'mot de passe réinitialisé',
};

const DETAIL_LABELS: Record<string, string> = {
  role: 'rôle',
  fields: 'champs',
  nom: 'nom',
  prenom: 'prénom',
  invite_id: 'invitation',
  expires_at: 'expire le',
  replaced: 'remplacées',
  count: 'nombre',
  method: 'méthode',
  attempts: 'essais',
  access: 'accès',
  pending_activations: 'activations en attente',
  via: 'par',
  line: 'ligne',
  file: 'fichier',
  cards: 'cartes',
  failures_cleared: 'codes erronés effacés',
  invites_revoked: 'invitations révoquées',
  resets_invalidated: 'réinitialisations annulées',
};

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;

export function describeAction(action: string): string {
  return ACTION_LABELS[action] ?? action;
}

function describeValue(value: unknown): string {
  if (typeof value === 'string' && ISO_INSTANT.test(value)) return formatDateTime(new Date(value));
  if (typeof value === 'boolean') return value ? 'oui' : 'non';
  if (Array.isArray(value)) return value.map(describeValue).join(', ');
  if (value !== null && typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** `expires_at=2026-12-08T10:00:00Z` reads « expire le 08/12/2026 11:00 ». */
export function describeDetail(detail: Record<string, unknown>): string {
  return Object.entries(detail)
    .map(([key, value]) => `${DETAIL_LABELS[key] ?? key} : ${describeValue(value)}`)
    .join(' ; ');
}

/** For `zdl audit --help`: every action code with its phrase. */
export function actionsHelp(): string {
  return Object.entries(ACTION_LABELS)
    .map(([code, label]) => `  ${code.padEnd(26)} ${label}`)
    .join('\n');
}

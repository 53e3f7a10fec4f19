import type { InviteStatus } from '../invites/invite-status.js';
import type { Access } from '../persons/access-state.js';

// French words for the states several commands print (persons list/show, invites list).

export const ACCESS_LABELS: Record<Access, string> = {
  none: 'aucun',
  invited: 'invité',
  active: 'actif',
  revoked: 'révoqué',
};

export const INVITE_LABELS: Record<InviteStatus, string> = {
  pending: 'en attente',
  used: 'utilisée',
  expired: 'expirée',
  revoked: 'révoquée',
};

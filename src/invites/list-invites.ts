import type { Sql } from '../db/client.js';
import { inviteStatusExpression, type InviteStatus } from './invite-status.js';

export interface InviteListItem {
  id: number;
  person_id: number;
  nom: string;
  prenom: string;
  status: InviteStatus;
  created_at: Date;
  expires_at: Date;
  used_at: Date | null;
}

export interface InviteFilter {
  status: InviteStatus | 'all';
  personId?: number;
}

/** Never selects code_hash: lists show invitations, not secrets. */
export async function listInvites(sql: Sql, filter: InviteFilter, now: Date): Promise<InviteListItem[]> {
  const status = filter.status === 'all' ? null : filter.status;
  return sql<InviteListItem[]>`
    select * from (
      select i.id, i.personne_id as person_id, p.nom, p.prenom, ${inviteStatusExpression(sql, now)} as status,
             i.created_at, i.expires_at, i.used_at
      from zdl.user_invites i join zdl.personnes p on p.id = i.personne_id
      where ${filter.personId ?? null}::int is null or i.personne_id = ${filter.personId ?? null}
    ) listed
    where ${status}::text is null or status = ${status}
    order by created_at desc, id desc`;
}

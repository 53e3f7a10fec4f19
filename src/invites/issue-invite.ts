import { recordAudit } from '../audit/record-audit.js';
import type { Sql } from '../db/client.js';
import { ZdlError } from '../errors.js';
import type { ActorContext } from '../actor.js';
import { accessExpression, type Access } from '../persons/access-state.js';
import { lockPerson } from '../persons/lock-person.js';
import { generateInviteCode } from './code.js';
import { hashInviteCode, type InviteCodeKeys } from './code-keys.js';
import { revokeLiveInvites } from './revoke-live-invites.js';

export const DEFAULT_INVITE_VALIDITY_MS = 7 * 86_400_000;

export interface IssuedInvite {
  id: number;
  /** Shown once to the admin (or e-mailed); only its hash is stored. */
  code: string;
  person_id: number;
  expires_at: Date;
}

async function readAccess(sql: Sql, personId: number, now: Date): Promise<Access> {
  const [row] = await sql<{ access: Access }[]>`
    select ${accessExpression(sql, now)} as access
    from zdl.personnes p left join zdl.accounts a on a.personne_id = p.id where p.id = ${personId}`;
  return row!.access;
}

/** A new invitation revokes the person's earlier live ones (at most one is live, by index). */
export async function issueInvite(
  sql: Sql,
  personId: number,
  options: ActorContext & { validityMs?: number; keys: InviteCodeKeys },
): Promise<IssuedInvite> {
  await lockPerson(sql, personId);
  const access = await readAccess(sql, personId, options.now);
  if (access === 'active') {
    throw new ZdlError(
      'ACCESS_ALREADY_ACTIVE',
      'conflict',
      'Cette personne a déjà activé son accès : une invitation ne servirait à rien.',
    );
  }
  if (access === 'revoked') {
    throw new ZdlError('ACCESS_REVOKED', 'conflict', "L'accès de cette personne est révoqué : rétablissez-le d'abord.");
  }
  const replaced = await revokeLiveInvites(sql, personId, options.now);
  const code = generateInviteCode();
  const expiresAt = new Date(options.now.getTime() + (options.validityMs ?? DEFAULT_INVITE_VALIDITY_MS));
  const { hash, keyId } = hashInviteCode(options.keys, code);
  const [invite] = await sql<{ id: number }[]>`
    insert into zdl.user_invites (code_hash, code_key_id, personne_id, created_at, expires_at, created_by)
    values (${hash}, ${keyId}, ${personId}, ${options.now}, ${expiresAt}, ${options.actor})
    returning id`;
  await recordAudit(
    sql,
    {
      actor: options.actor,
      action: 'invite.issued',
      personId,
      detail: { invite_id: invite!.id, expires_at: expiresAt.toISOString(), replaced },
    },
    options.now,
  );
  return { id: invite!.id, code, person_id: personId, expires_at: expiresAt };
}

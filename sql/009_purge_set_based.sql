-- 009: `zdl invites purge` deletes a million invitations without a million cascades.
-- The foreign key from pending_activations to user_invites made PostgreSQL run one cascading
-- DELETE per deleted invitation (a row-level RI trigger: 7 of the 10 s of a 1 000 000-row purge,
-- with no pending activation to delete). Any foreign key to user_invites costs that per row,
-- whatever its action. The same two guarantees are kept by two triggers instead, the delete
-- side set-based: one statement per DELETE, with the deleted ids as a transition table.

alter table zdl.pending_activations drop constraint pending_activations_invite_id_fkey;

-- Insert side, as the foreign key checked it: the invitation must exist, and it is locked
-- (FOR KEY SHARE) so that a concurrent DELETE waits for this transaction, then takes the row.
create function zdl.check_pending_activation_invite() returns trigger language plpgsql as $$
begin
  perform 1 from zdl.user_invites where id = new.invite_id for key share;
  if not found then
    raise exception 'insert or update on table "pending_activations" violates foreign key constraint "pending_activations_invite_id_fkey"'
      using errcode = 'foreign_key_violation', schema = 'zdl', table = 'pending_activations',
        constraint = 'pending_activations_invite_id_fkey',
        detail = format('Key (invite_id)=(%s) is not present in table "user_invites".', new.invite_id);
  end if;
  return new;
end
$$;
create trigger pending_activations_invite_exists before insert or update of invite_id on zdl.pending_activations
  for each row execute function zdl.check_pending_activation_invite();

-- Delete side (ON DELETE CASCADE): a deleted invitation's pending activation goes with it, for
-- every deleted invitation at once. The statement runs after the DELETE with a new snapshot, so
-- a pending activation committed while the DELETE waited for its invitation's lock goes too.
create function zdl.delete_pending_activations_of_invites() returns trigger language plpgsql as $$
begin
  delete from zdl.pending_activations pa using deleted_invites d where pa.invite_id = d.id;
  return null;
end
$$;
create trigger user_invites_delete_pending after delete on zdl.user_invites
  referencing old table as deleted_invites
  for each statement execute function zdl.delete_pending_activations_of_invites();

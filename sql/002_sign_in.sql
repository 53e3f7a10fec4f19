-- The sign-in contract for the association's application (docs/sign-in.md): canonical password
-- hashes, a read model that is the application's only door into zdl, and a narrow re-hash path.

-- 1. Canonical PHC strings. node-argon2 0.45 wrote `m=…,p=…,t=…` (ranisalt/node-argon2#559); the
-- PHC string format and the reference library behind argon2-cffi, passlib and PHP require
-- `m=…,t=…,p=…` and refuse anything else. Pure reordering: salt and digest are untouched, every
-- password still verifies, nobody has to choose a new one. updated_at is left alone: nothing
-- about the account changed. Any other shape makes the constraint below stop this migration.
update zdl.accounts
set password_hash = regexp_replace(
  password_hash,
  '^(\$argon2id\$v=[0-9]+\$)m=([0-9]+),p=([0-9]+),t=([0-9]+)(\$.*)$',
  '\1m=\2,t=\4,p=\3\5')
where password_hash ~ '^\$argon2id\$v=[0-9]+\$m=[0-9]+,p=[0-9]+,t=[0-9]+\$';

alter table zdl.accounts add constraint accounts_password_hash_canonical check (
  password_hash is null
  or password_hash ~ '^\$argon2id\$v=19\$m=[0-9]+,t=[0-9]+,p=[0-9]+\$[A-Za-z0-9+/]+\$[A-Za-z0-9+/]+$');

-- 2. The read model. Version 1 of this contract: columns are only ever added; a change that
-- would break a reader gets a new view name (sign_in_accounts_v2) next to this one.
create view zdl.sign_in_accounts as
select
  p.id as person_id,
  p.nom,
  p.prenom,
  p.role,
  a.email,
  a.password_hash,
  a.google_sub,
  (a.activated_at is not null and a.revoked_at is null) as active,
  greatest(a.updated_at, p.updated_at) as updated_at
from zdl.accounts a
join zdl.personnes p on p.id = a.personne_id;

comment on view zdl.sign_in_accounts is
  'zdl sign-in contract v1 (docs/sign-in.md): look up by lower(email) or google_sub, refuse unless active.';
comment on column zdl.sign_in_accounts.role is 'administrateur | employe | benevole';
comment on column zdl.sign_in_accounts.password_hash is
  'argon2id PHC string (m,t,p order) of the NFC-normalised password; null: no password (Google-only, or revoked before activation)';
comment on column zdl.sign_in_accounts.google_sub is 'Google''s stable subject id; match sign-ins on it, never on the e-mail';
comment on column zdl.sign_in_accounts.active is 'activated and not revoked: sign-in allowed';
comment on column zdl.sign_in_accounts.updated_at is 'last change to the person or the account';

-- 3. Re-hash on sign-in. The application is the only one to see a password after activation, so
-- it alone can upgrade a hash when zdl's parameters change; it may replace a hash, and only one
-- that still is the hash it just verified (compare-and-swap: a reset or revocation in between
-- wins). No direct UPDATE on zdl.accounts is granted. SECURITY DEFINER with a fixed search_path
-- (PostgreSQL docs, "Writing SECURITY DEFINER Functions Safely").
create function zdl.rehash_password(p_person_id integer, p_old_hash text, p_new_hash text)
returns boolean
language plpgsql
security definer
set search_path = pg_catalog, pg_temp
as $$
begin
  update zdl.accounts
  set password_hash = p_new_hash, updated_at = now()
  where personne_id = p_person_id
    and password_hash = p_old_hash
    and activated_at is not null
    and revoked_at is null;
  return found;
end
$$;
-- Functions are executable by PUBLIC by default: only `zdl db grant-app` hands this one out.
revoke all on function zdl.rehash_password(integer, text, text) from public;

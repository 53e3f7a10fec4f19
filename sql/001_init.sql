-- zdl schema. Everything lives in schema zdl (created by the migration runner).
-- Constraints carry the invariants so that concurrent requests cannot break them.

create table zdl.personnes (
  id          integer generated always as identity primary key,
  nom         text not null check (length(btrim(nom)) between 1 and 100),
  prenom      text not null check (length(btrim(prenom)) between 1 and 100),
  telephone1  text check (telephone1 is null or length(telephone1) between 1 and 40),
  telephone2  text check (telephone2 is null or length(telephone2) between 1 and 40),
  email       text check (email is null or (length(email) <= 254 and email ~ '^[^@[:space:]]+@[^@[:space:]]+$')),
  role        text not null default 'benevole' check (role in ('administrateur', 'employe', 'benevole')),
  created_at  timestamptz not null default now(),
  updated_at  timestamptz not null default now()
);
create unique index personnes_email_key on zdl.personnes (lower(email)) where email is not null;
create index personnes_nom_idx on zdl.personnes (lower(nom), lower(prenom));

-- One access record per personne. A row exists once the person activated access, or once an
-- admin revoked a person who never activated (so that the revocation also blocks activation).
create table zdl.accounts (
  id             integer generated always as identity primary key,
  personne_id    integer not null unique references zdl.personnes (id) on delete cascade,
  email          text check (email is null or length(email) <= 254),
  password_hash  text check (password_hash is null or password_hash like '$argon2id$%'),
  google_sub     text unique,
  activated_at   timestamptz,
  revoked_at     timestamptz,
  created_at     timestamptz not null default now(),
  updated_at     timestamptz not null default now(),
  check (activated_at is not null or revoked_at is not null),
  check (activated_at is null or (email is not null and (password_hash is not null or google_sub is not null)))
);
create unique index accounts_email_key on zdl.accounts (lower(email)) where email is not null;

create table zdl.user_invites (
  id           integer generated always as identity primary key,
  code_hash    bytea not null unique check (octet_length(code_hash) = 32),
  personne_id  integer not null references zdl.personnes (id) on delete cascade,
  created_at   timestamptz not null default now(),
  expires_at   timestamptz not null,
  used_at      timestamptz,
  revoked_at   timestamptz,
  created_by   text not null,
  check (expires_at > created_at),
  check (used_at is null or revoked_at is null)
);
-- At most one live (unused, unrevoked) invitation per personne: issuing revokes the earlier one.
create unique index user_invites_one_live on zdl.user_invites (personne_id)
  where used_at is null and revoked_at is null;
create index user_invites_expires_idx on zdl.user_invites (expires_at) where used_at is null;

create table zdl.password_resets (
  id              integer generated always as identity primary key,
  token_hash      bytea not null unique check (octet_length(token_hash) = 32),
  -- HMAC-SHA-256 of the 6-digit code keyed by the token: the token itself is never stored.
  otp_hash        bytea not null check (octet_length(otp_hash) = 32),
  account_id      integer not null references zdl.accounts (id) on delete cascade,
  created_at      timestamptz not null default now(),
  expires_at      timestamptz not null,
  attempts        integer not null default 0 check (attempts between 0 and 5),
  used_at         timestamptz,
  invalidated_at  timestamptz,
  created_by      text not null,
  check (expires_at > created_at),
  check (used_at is null or invalidated_at is null)
);
create unique index password_resets_one_live on zdl.password_resets (account_id)
  where used_at is null and invalidated_at is null;

-- Append-only: no foreign key (history outlives the personne), updates and deletes refused.
create table zdl.audit_log (
  id           integer generated always as identity primary key,
  at           timestamptz not null default now(),
  actor        text not null check (actor ~ '^(cli:.+|web)$'),
  action       text not null check (action ~ '^[a-z]+(\.[a-z_]+)+$'),
  personne_id  integer,
  detail       jsonb not null default '{}'::jsonb check (jsonb_typeof(detail) = 'object')
);
create index audit_log_at_idx on zdl.audit_log (at desc);
create index audit_log_personne_idx on zdl.audit_log (personne_id, at desc);

create function zdl.refuse_audit_change() returns trigger language plpgsql as $$
begin
  raise exception 'audit_log is append-only' using errcode = '55000';
end
$$;
create trigger audit_log_append_only before update or delete or truncate on zdl.audit_log
  for each statement execute function zdl.refuse_audit_change();

create table zdl.email_log (
  id                   integer generated always as identity primary key,
  at                   timestamptz not null default now(),
  to_address           text not null,
  personne_id          integer,
  template             text not null,
  provider_message_id  text,
  status               text not null check (status in ('sent', 'failed', 'outbox')),
  attempt              integer not null default 1 check (attempt >= 1),
  error                text
);
create index email_log_at_idx on zdl.email_log (at desc);
create index email_log_personne_idx on zdl.email_log (personne_id, at desc);

-- Fixed-window counters shared by every server (per-IP POST limits, reset e-mails per address).
create table zdl.rate_limits (
  key           text not null,
  window_start  timestamptz not null,
  count         integer not null check (count >= 0),
  primary key (key, window_start)
);
create index rate_limits_window_idx on zdl.rate_limits (window_start);

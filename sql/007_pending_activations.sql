-- An activation whose typed e-mail address is not the one on file waits here until that address
-- is confirmed (a link, or a 6-digit code on the page). Nothing of it is in zdl.accounts, so the
-- sign-in view (002) and the application's role never see it: the account row is created, and
-- the invitation spent, only in the confirming transaction. One row per invitation: a new
-- attempt with the same code replaces it (the latest typed address wins, earlier links die).
create table zdl.pending_activations (
  invite_id          integer primary key references zdl.user_invites (id) on delete cascade,
  personne_id        integer not null references zdl.personnes (id) on delete cascade,
  email              text not null check (length(email) <= 254 and email ~ '^[^@[:space:]]+@[^@[:space:]]+$'),
  password_hash      text not null check (
    password_hash ~ '^\$argon2id\$v=19\$m=[0-9]+,t=[0-9]+,p=[0-9]+\$[A-Za-z0-9+/]+\$[A-Za-z0-9+/]+$'),
  -- SHA-256 of the e-mailed link's 256-bit token, and of the page's 256-bit form token.
  token_hash         bytea not null unique check (octet_length(token_hash) = 32),
  form_hash          bytea not null unique check (octet_length(form_hash) = 32),
  -- HMAC-SHA-256 of the 6-digit code keyed by the form token: neither token is stored.
  otp_hash           bytea not null check (octet_length(otp_hash) = 32),
  attempts           integer not null default 0 check (attempts between 0 and 5),
  -- Wrong codes over every attempt of this invitation (replacing the row keeps them).
  failures           integer not null default 0 check (failures >= 0),
  -- Confirmation e-mails in the current window (the cap on e-mails to one typed address).
  window_started_at  timestamptz not null,
  emails_in_window   integer not null default 0 check (emails_in_window >= 0),
  created_at         timestamptz not null,
  expires_at         timestamptz not null,
  invalidated_at     timestamptz,
  check (expires_at > created_at)
);
create index pending_activations_personne_idx on zdl.pending_activations (personne_id);
create index pending_activations_expires_idx on zdl.pending_activations (expires_at);

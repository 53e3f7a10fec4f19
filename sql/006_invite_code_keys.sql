-- Invitation codes are stored as HMAC-SHA-256 under a key kept outside the database
-- (src/invites/code-keys.ts). code_key_id names the key that hashed the row (8 hex characters of
-- the derived key's SHA-256, not secret); null marks the unkeyed SHA-256 of earlier versions,
-- still accepted until those invitations expire or are re-issued.
alter table zdl.user_invites add column code_key_id text;

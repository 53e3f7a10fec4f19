// Keys for transaction-scoped advisory locks (pg_advisory_xact_lock). Session-level locks are
// never used: transaction-mode poolers and the shared embedded session would not honour them.
export const MIGRATIONS_LOCK_KEY = 0x7a646c01;
export const PURGE_LOCK_KEY = 0x7a646c02;

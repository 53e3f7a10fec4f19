-- A reset e-mail the provider did not accept is marked, so that it does not count toward the
-- 3-per-15-minutes cap (only e-mails that left, or may still leave, count).
alter table zdl.password_resets add column mail_failed_at timestamptz;

-- « zdl reset unlock » and « access restore »: wrong reset codes entered before this instant no
-- longer count toward the 100 consecutive failures (NIST SP 800-63B §5.2.2) that lock resets.
alter table zdl.accounts add column reset_failures_cleared_at timestamptz;

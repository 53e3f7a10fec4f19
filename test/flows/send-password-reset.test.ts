import { describe, expect, test } from 'vitest';
import { RESET_EMAILS_PER_WINDOW, RESET_VALIDITY_MS } from '../../src/auth/password-reset.js';
import { sendPasswordResetToPerson } from '../../src/flows/send-password-reset.js';
import { ADMIN, countRows, makeAdminDeps } from '../support/admin-flows.js';
import { useTestDatabase } from '../support/database.js';
import { createActiveAccount, invitePerson, uniqueEmail } from '../support/http.js';

const t = useTestDatabase();
const HASH = '$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ$aGFzaA';

describe('sendPasswordResetToPerson', () => {
  test('sends the link and code to the active account, valid for the reset validity', async () => {
    const deps = makeAdminDeps(t);
    const email = uniqueEmail('reset');
    const account = await createActiveAccount(t.db, deps.clock(), email, HASH);
    const result = await sendPasswordResetToPerson(deps, ADMIN, { personRef: String(account.personId) });
    if (result.status !== 'sent') throw new Error(`expected a sent reset, got ${result.reason}`);
    expect(result.person.id).toBe(account.personId);
    expect(result.reset.expires_at.getTime()).toBe(deps.clock().getTime() + RESET_VALIDITY_MS);
    const [mail] = deps.outbox();
    expect(mail).toMatchObject({ template: 'password_reset', to: [{ email }] });
    expect(mail!.text).toContain(result.reset.otp);
    const audit = await t.db.transaction(
      (tx) =>
        tx`select actor from zdl.audit_log where action = 'password.reset_requested' and personne_id = ${account.personId}`,
    );
    expect(audit).toEqual([{ actor: ADMIN.actor }]);
  });

  test('refused without an active account, and past the per-window limit; nothing is e-mailed then', async () => {
    const deps = makeAdminDeps(t);
    const invited = await invitePerson(t.db, deps.clock());
    expect(await sendPasswordResetToPerson(deps, ADMIN, { personRef: String(invited.personId) })).toMatchObject({
      status: 'refused',
      reason: 'no_active_account',
    });
    const account = await createActiveAccount(t.db, deps.clock(), uniqueEmail('limite'), HASH);
    for (let i = 0; i < RESET_EMAILS_PER_WINDOW; i++) {
      expect((await sendPasswordResetToPerson(deps, ADMIN, { personRef: String(account.personId) })).status).toBe(
        'sent',
      );
    }
    expect(await sendPasswordResetToPerson(deps, ADMIN, { personRef: String(account.personId) })).toMatchObject({
      status: 'refused',
      reason: 'rate_limited',
    });
    expect(deps.outbox()).toHaveLength(RESET_EMAILS_PER_WINDOW);
    expect(await countRows(t, 'password_resets', account.personId)).toBe(RESET_EMAILS_PER_WINDOW);
  });
});

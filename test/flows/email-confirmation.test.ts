import { describe, expect, test } from 'vitest';
import { verifyPassword } from '../../src/auth/password-hash.js';
import { activateWithPassword } from '../../src/flows/activate-with-password.js';
import { confirmActivationEmail } from '../../src/flows/confirm-activation-email.js';
import { purgeInvites } from '../../src/invites/purge-invites.js';
import { useTestDatabase } from '../support/database.js';
import { confirmationMailTo } from '../support/email-confirmation.js';
import { makeFlowDeps, type TestFlowDeps } from '../support/flows.js';
import { GOOD_PASSWORD, invitePerson, readOutbox, uniqueEmail } from '../support/http.js';

const t = useTestDatabase();
const ACTOR = { actor: 'cli:flow-test' };

async function activate(deps: TestFlowDeps, code: string, email: string) {
  return activateWithPassword(deps, ACTOR, { code, email, password: GOOD_PASSWORD, confirm: GOOD_PASSWORD });
}

/** A person whose e-mail on file is `onFile` (or none), and an activation typed with `typed`. */
async function pendingFor(deps: TestFlowDeps, typed: string, onFile?: string) {
  const invited = await invitePerson(t.db, deps.clock(), onFile ? { email: onFile } : {});
  const result = await activate(deps, invited.code, typed);
  if (result.status !== 'confirmation_sent') throw new Error(`expected confirmation_sent, got ${result.status}`);
  await deps.settle();
  return { invited, formToken: result.confirmation.formToken, mail: confirmationMailTo(deps.outbox, typed) };
}

const state = (personId: number, inviteId: number) =>
  t.db.transaction(async (tx) => ({
    accounts: await tx`select email, password_hash from zdl.accounts where personne_id = ${personId}`,
    invite: (await tx`select used_at from zdl.user_invites where id = ${inviteId}`)[0]!,
    pending: await tx`select * from zdl.pending_activations where invite_id = ${inviteId}`,
    signIn: await tx`select 1 from zdl.sign_in_accounts where person_id = ${personId}`,
  }));

describe('the address typed at activation', () => {
  test('the address on file, in any case and with spaces, activates at once', async () => {
    const deps = makeFlowDeps(t);
    const onFile = uniqueEmail('Claire.Lefebvre');
    const invited = await invitePerson(t.db, deps.clock(), { email: onFile });
    const result = await activate(deps, invited.code, `  ${onFile.toUpperCase()} `);
    expect(result.status).toBe('activated');
    expect((await state(invited.personId, invited.inviteId)).pending).toEqual([]);
  });

  test('a typo: no account, the invitation pending, a link and a code to the typed address, stored hashed', async () => {
    const deps = makeFlowDeps(t);
    const onFile = uniqueEmail('claire');
    const typo = onFile.replace('@exemple.org', '@exmaple.org');
    const { invited, formToken, mail } = await pendingFor(deps, typo, onFile);
    const before = await state(invited.personId, invited.inviteId);
    expect(before.accounts).toEqual([]);
    expect(before.signIn).toEqual([]);
    expect(before.invite.used_at).toBeNull();
    expect(mail.url).toMatch(/^https:\/\/acces\.zdl\.test\/activate\/confirm\?token=[\w-]{43}$/);
    const row = JSON.stringify(before.pending, (_k, v) =>
      v?.type === 'Buffer' ? Buffer.from(v.data).toString('hex') : v,
    );
    for (const secret of [mail.token, mail.otp, formToken, GOOD_PASSWORD]) expect(row).not.toContain(secret);
    expect(before.pending[0]!.email).toBe(typo);

    const confirmed = await confirmActivationEmail(deps, ACTOR, { formToken, otp: mail.otp });
    expect(confirmed).toMatchObject({ status: 'activated', account: { email: typo } });
    const after = await state(invited.personId, invited.inviteId);
    expect(after.accounts.map((a) => a.email)).toEqual([typo]);
    expect(await verifyPassword(after.accounts[0]!.password_hash, GOOD_PASSWORD)).toBe(true);
    expect(after.invite.used_at).not.toBeNull();
    expect(after.pending).toEqual([]);
    await deps.settle();
    expect(
      readOutbox(deps.outbox)
        .map((m) => [m.template, m.to[0]!.email])
        .sort(),
    ).toEqual([
      ['access_activated', typo],
      ['email_confirmation', typo],
    ]);
  });

  test('the link alone confirms (no address on file); spent, it no longer works', async () => {
    const deps = makeFlowDeps(t);
    const email = uniqueEmail('lien');
    const { invited, mail } = await pendingFor(deps, email);
    expect(await confirmActivationEmail(deps, ACTOR, { token: mail.token })).toMatchObject({ status: 'activated' });
    expect(await confirmActivationEmail(deps, ACTOR, { token: mail.token })).toEqual({ status: 'invalid' });
    expect((await state(invited.personId, invited.inviteId)).accounts).toHaveLength(1);
  });

  test('five wrong codes kill the code and the link; the invitation stays usable', async () => {
    const deps = makeFlowDeps(t);
    const { invited, formToken, mail } = await pendingFor(deps, uniqueEmail('essais'));
    const wrong = mail.otp === '000000' ? '111111' : '000000';
    const left = [];
    for (let i = 0; i < 5; i++) left.push(await confirmActivationEmail(deps, ACTOR, { formToken, otp: wrong }));
    expect(left.map((r) => ('attemptsLeft' in r ? r.attemptsLeft : r.status))).toEqual([4, 3, 2, 1, 'locked']);
    expect(await confirmActivationEmail(deps, ACTOR, { formToken, otp: mail.otp })).toEqual({ status: 'invalid' });
    expect(await confirmActivationEmail(deps, ACTOR, { token: mail.token })).toEqual({ status: 'invalid' });
    const after = await state(invited.personId, invited.inviteId);
    expect(after.accounts).toEqual([]);
    expect(after.invite.used_at).toBeNull();
  });

  test('after 20 minutes the link and code are dead, and invites purge removes them', async () => {
    const deps = makeFlowDeps(t);
    const { invited, formToken, mail } = await pendingFor(deps, uniqueEmail('tard'));
    deps.clock.advance(20 * 60_000);
    expect(await confirmActivationEmail(deps, ACTOR, { token: mail.token })).toEqual({ status: 'invalid' });
    expect(await confirmActivationEmail(deps, ACTOR, { formToken, otp: mail.otp })).toEqual({ status: 'invalid' });
    const purge = await t.db.transaction((tx) => purgeInvites(tx, { actor: 'cli:test', now: deps.clock() }));
    expect(purge.pendingPurged).toBeGreaterThanOrEqual(1);
    expect((await state(invited.personId, invited.inviteId)).pending).toEqual([]);
  });

  test('a second attempt replaces the first (its link dies); more than 3 e-mails in 15 minutes are refused', async () => {
    const deps = makeFlowDeps(t);
    const invited = await invitePerson(t.db, deps.clock());
    const [first, second, third, fourth] = [1, 2, 3, 4].map((n) => uniqueEmail(`essai${n}`));
    for (const email of [first!, second!])
      expect((await activate(deps, invited.code, email)).status).toBe('confirmation_sent');
    await deps.settle();
    const firstMail = confirmationMailTo(deps.outbox, first!);
    expect(await confirmActivationEmail(deps, ACTOR, { token: firstMail.token })).toEqual({ status: 'invalid' });
    expect((await activate(deps, invited.code, third!)).status).toBe('confirmation_sent');
    const capped = await activate(deps, invited.code, fourth!);
    expect(capped.status === 'refused' && capped.refusal.code).toBe('CONFIRMATION_LIMITED');
    deps.clock.advance(15 * 60_000 + 1);
    expect((await activate(deps, invited.code, fourth!)).status).toBe('confirmation_sent');
    await deps.settle();
    const latest = confirmationMailTo(deps.outbox, fourth!);
    expect(await confirmActivationEmail(deps, ACTOR, { token: latest.token })).toMatchObject({
      status: 'activated',
      account: { email: fourth },
    });
  });

  test('simultaneous confirmations (links and codes) create exactly one account', async () => {
    const deps = makeFlowDeps(t);
    const { invited, formToken, mail } = await pendingFor(deps, uniqueEmail('course'));
    const refs = [0, 1, 2, 3, 4, 5].map((i) => (i % 2 ? { token: mail.token } : { formToken, otp: mail.otp }));
    const results = await Promise.all(refs.map((ref) => confirmActivationEmail(deps, ACTOR, ref)));
    expect(results.map((r) => r.status).sort()).toEqual([
      'activated',
      'invalid',
      'invalid',
      'invalid',
      'invalid',
      'invalid',
    ]);
    expect((await state(invited.personId, invited.inviteId)).accounts).toHaveLength(1);
  });
});

import { describe, expect, test } from 'vitest';
import { revokeAccess } from '../../src/auth/access.js';
import { revokeInvite } from '../../src/invites/revoke-invite.js';
import { useTestDatabase } from '../support/database.js';
import {
  GOOD_PASSWORD,
  inputValue,
  invitePerson,
  makeApp,
  postForm,
  readOutbox,
  uniqueEmail,
} from '../support/http.js';

const t = useTestDatabase();

function activationFields(code: string, email: string, password = GOOD_PASSWORD, confirm = password) {
  return { code, mode: 'password', email, password, password_confirm: confirm };
}

describe('GET /activate', () => {
  test('shows the form with the code from the link, without looking it up', async () => {
    const { app } = makeApp(t);
    const response = await app.request('/activate?code=ZDL-ABCDEF-GHJKM');
    expect(response.status).toBe(200);
    const page = await response.text();
    expect(inputValue(page, 'code')).toBe('ZDL-ABCDEF-GHJKM');
    expect(page).toContain('autocomplete="new-password"');
    expect(page).not.toContain('Google');
  });
});

describe('POST /activate', () => {
  test('creates the account with an argon2id hash, spends the invitation, audits and e-mails', async () => {
    const { app, clock, outbox } = makeApp(t);
    const email = uniqueEmail('lea');
    // The address the invitation was sent to: the code proves it, no confirmation.
    const invited = await invitePerson(t.db, clock(), { nom: 'Martin', prenom: 'Léa', email });
    const response = await postForm(app, '/activate', activationFields(invited.code.toLowerCase(), email));
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('Votre accès est activé');

    const [account] = await t.db.transaction(
      (tx) => tx`
      select email, password_hash, activated_at from zdl.accounts where personne_id = ${invited.personId}`,
    );
    expect(account!.email).toBe(email);
    expect(account!.password_hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    const [invite] = await t.db.transaction(
      (tx) => tx`select used_at from zdl.user_invites where id = ${invited.inviteId}`,
    );
    expect(invite!.used_at).not.toBeNull();
    const audit = await t.db.transaction(
      (tx) => tx`
      select actor, detail from zdl.audit_log where personne_id = ${invited.personId} and action = 'access.activated'`,
    );
    expect(audit).toHaveLength(1);
    expect(audit[0]!.actor).toBe('web');
    expect(JSON.stringify(audit[0]!.detail)).not.toContain(GOOD_PASSWORD);

    await app.settle();
    const mails = readOutbox(outbox);
    expect(mails.map((m) => [m.template, m.to[0]!.email])).toEqual([['access_activated', email]]);
  });

  test('a failed « accès activé » e-mail is logged, the activation still succeeds', async () => {
    const { app, clock, logs } = makeApp(t, {
      mailer: { kind: 'outbox', send: () => Promise.reject(new Error('MailerSend indisponible')) },
    });
    const invited = await invitePerson(t.db, clock(), { email: uniqueEmail() });
    const response = await postForm(app, '/activate', activationFields(invited.code, invited.email!));
    expect(response.status).toBe(200);
    await app.settle();
    expect(logs.error).toEqual(['e-mail « accès activé » : échec (MailerSend indisponible)']);
  });

  test('unknown, expired, revoked and used codes are each told apart; the form comes back filled except passwords', async () => {
    const { app, clock } = makeApp(t);
    const email = uniqueEmail();
    const used = await invitePerson(t.db, clock(), { email: uniqueEmail() });
    expect((await postForm(app, '/activate', activationFields(used.code, used.email!))).status).toBe(200);
    const expired = await invitePerson(t.db, clock(), { validityMs: 60_000 });
    const revoked = await invitePerson(t.db, clock());
    await t.db.transaction((tx) => revokeInvite(tx, revoked.inviteId, { actor: 'cli:test', now: clock() }));
    clock.advance(120_000);

    const cases = [
      ['ZDL-0000AA-00000', 'Ce code d&#39;invitation n&#39;est pas valable'],
      [expired.code, 'Ce code d&#39;invitation a expiré'],
      [revoked.code, 'Ce code d&#39;invitation a été remplacé ou annulé'],
      [used.code, 'Ce code a déjà servi : votre accès est activé'],
    ] as const;
    for (const [code, message] of cases) {
      const response = await postForm(app, '/activate', activationFields(code, email));
      const page = await response.text();
      expect(response.status).toBe(422);
      expect(page).toContain(message);
      expect(inputValue(page, 'code')).toBe(code);
      expect(inputValue(page, 'email')).toBe(email);
      expect(inputValue(page, 'password')).toBeUndefined();
      expect(inputValue(page, 'password_confirm')).toBeUndefined();
      expect(page).not.toContain(GOOD_PASSWORD);
    }
  });

  test('eight simultaneous activations with one code create exactly one account', async () => {
    const { app, clock, outbox } = makeApp(t);
    const email = uniqueEmail('course');
    const invited = await invitePerson(t.db, clock(), { email });
    // Eight tabs, each typing the address on file in its own case.
    const emails = Array.from({ length: 8 }, (_, i) => (i % 2 ? email.toUpperCase() : email));
    const responses = await Promise.all(
      emails.map((typed) => postForm(app, '/activate', activationFields(invited.code, typed))),
    );
    const statuses = responses.map((r) => r.status).sort();
    expect(statuses).toEqual([200, 422, 422, 422, 422, 422, 422, 422]);
    const accounts = await t.db.transaction(
      (tx) => tx`select email from zdl.accounts where personne_id = ${invited.personId}`,
    );
    expect(accounts).toHaveLength(1);
    const winner = emails[responses.findIndex((r) => r.status === 200)];
    expect(accounts[0]!.email).toBe(winner);
    await app.settle();
    expect(readOutbox(outbox)).toHaveLength(1);
  });

  test('an e-mail address used by another account is refused next to the field, the code stays usable', async () => {
    const { app, clock } = makeApp(t);
    const email = uniqueEmail('pris');
    const first = await invitePerson(t.db, clock(), { email });
    expect((await postForm(app, '/activate', activationFields(first.code, email))).status).toBe(200);
    const second = await invitePerson(t.db, clock(), { nom: 'Bernard', email: uniqueEmail('autre') });
    const refused = await postForm(app, '/activate', activationFields(second.code, email.toUpperCase()));
    expect(refused.status).toBe(409);
    expect(await refused.text()).toContain('déjà utilisée par un autre compte');
    const retried = await postForm(app, '/activate', activationFields(second.code, second.email!));
    expect(retried.status).toBe(200);
    expect(await retried.text()).toContain('Votre accès est activé');
  });

  test('revoked access is refused clearly', async () => {
    const { app, clock } = makeApp(t);
    const invited = await invitePerson(t.db, clock());
    await t.db.transaction((tx) => revokeAccess(tx, invited.personId, { actor: 'cli:test', now: clock() }));
    const response = await postForm(app, '/activate', activationFields(invited.code, uniqueEmail()));
    expect(response.status).toBe(403);
    expect(await response.text()).toContain('Votre accès a été révoqué');
  });

  test.each([
    ['too short', 'court', 'court', 'password', 'au moins 8 caractères'],
    ['common', 'password123', 'password123', 'password', 'les plus courants'],
    ['that is the name', 'Durand Camille 42', 'Durand Camille 42', 'password', 'votre nom'],
    ['not confirmed', GOOD_PASSWORD, `${GOOD_PASSWORD}!`, 'password_confirm', 'ne correspondent pas'],
  ])('a password %s is refused with the reason, nothing consumed', async (_label, password, confirm, field, reason) => {
    const { app, clock } = makeApp(t);
    const invited = await invitePerson(t.db, clock(), { nom: 'Durand' });
    const response = await postForm(app, '/activate', activationFields(invited.code, uniqueEmail(), password, confirm));
    expect(response.status).toBe(422);
    const page = await response.text();
    expect(page).toContain(reason);
    expect(page).toContain(`id="${field}-error"`);
    expect(page).not.toContain(`value="${password}"`);
    const [invite] = await t.db.transaction(
      (tx) => tx`select used_at from zdl.user_invites where id = ${invited.inviteId}`,
    );
    expect(invite!.used_at).toBeNull();
  });

  test('missing fields and a malformed e-mail come back as field errors', async () => {
    const { app } = makeApp(t);
    const response = await postForm(app, '/activate', { email: 'pas-une-adresse' });
    expect(response.status).toBe(422);
    const page = await response.text();
    expect(page).toContain('Saisissez le code d’invitation');
    expect(page).toContain('Saisissez une adresse e-mail valide');
    expect(inputValue(page, 'email')).toBe('pas-une-adresse');
  });
});

import { beforeAll, describe, expect, test } from 'vitest';
import { hashPassword } from '../../src/auth/password-hash.js';
import { useTestDatabase } from '../support/database.js';
import {
  createActiveAccount,
  GOOD_PASSWORD,
  inputValue,
  makeApp,
  postForm,
  PUBLIC_URL,
  readOutbox,
  uniqueEmail,
} from '../support/http.js';

const t = useTestDatabase();
let oldHash: string;

beforeAll(async () => {
  oldHash = await hashPassword(GOOD_PASSWORD);
});

describe('forgot password', () => {
  test('answers the same for known and unknown addresses; only the known one gets an e-mail', async () => {
    const h = makeApp(t, { forgotPasswordMinMs: 250 });
    const { email } = await createActiveAccount(t.db, h.clock(), uniqueEmail('connu'), oldHash);
    const answers = [];
    for (const address of [email, uniqueEmail('inconnu')]) {
      const started = performance.now();
      const response = await postForm(h.app, '/forgot-password', { email: address });
      const elapsed = performance.now() - started;
      answers.push({
        status: response.status,
        body: await response.text(),
        headers: [...response.headers.keys()].sort(),
      });
      expect(elapsed).toBeGreaterThanOrEqual(240);
    }
    expect(answers[0]!.status).toBe(200);
    expect(answers[0]!.body).toContain('Si un compte existe pour cette adresse');
    expect(answers[1]).toEqual(answers[0]);
    await h.app.settle();
    const mails = readOutbox(h.outbox);
    expect(mails.map((m) => [m.template, m.to[0]!.email])).toEqual([['password_reset', email]]);
  });

  test('links are built from ZDL_PUBLIC_URL whatever the Host header says', async () => {
    const h = makeApp(t);
    const { email } = await createActiveAccount(t.db, h.clock(), uniqueEmail('lien'), oldHash);
    const headers = { Host: 'evil.example', 'X-Forwarded-Host': 'evil.example' };
    expect((await postForm(h.app, '/forgot-password', { email: email.toUpperCase() }, { headers })).status).toBe(200);
    await h.app.settle();
    const [mail] = readOutbox(h.outbox);
    expect(mail!.text).toMatch(new RegExp(`${PUBLIC_URL}/reset-password\\?token=[A-Za-z0-9_-]{43}`));
    expect(mail!.text + mail!.html).not.toContain('evil.example');
  });

  test('at most 3 reset e-mails per address per 15 minutes, the page unchanged beyond', async () => {
    const h = makeApp(t);
    const { email } = await createActiveAccount(t.db, h.clock(), uniqueEmail('plafond'), oldHash);
    const bodies = new Set<string>();
    for (let i = 0; i < 5; i++) {
      const response = await postForm(h.app, '/forgot-password', { email });
      expect(response.status).toBe(200);
      bodies.add(await response.text());
      h.clock.advance(60_000);
    }
    expect(bodies.size).toBe(1);
    await h.app.settle();
    expect(readOutbox(h.outbox)).toHaveLength(3);
    h.clock.advance(15 * 60_000);
    await postForm(h.app, '/forgot-password', { email });
    await h.app.settle();
    expect(readOutbox(h.outbox)).toHaveLength(4);
  });

  test('a malformed address comes back as a form error (not an oracle)', async () => {
    const h = makeApp(t);
    const response = await postForm(h.app, '/forgot-password', { email: 'pas une adresse' });
    expect(response.status).toBe(422);
    const page = await response.text();
    expect(page).toContain('Saisissez une adresse e-mail valide');
    expect(inputValue(page, 'email')).toBe('pas une adresse');
  });
});

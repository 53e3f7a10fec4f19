import { describe, expect, test } from 'vitest';
import { DEFAULT_POST_RATE_LIMIT } from '../../src/http/app.js';
import { CODE_GUESS_LIMIT } from '../../src/http/middleware/code-guess-limit.js';
import { generateInviteCode } from '../../src/invites/code.js';
import { useTestDatabase } from '../support/database.js';
import { GOOD_PASSWORD, invitePerson, makeApp, postForm, testIp, uniqueEmail } from '../support/http.js';

// Twenty-five volunteers behind one Wi-Fi activate at once: nobody is locked out. A bot guessing
// codes from one address is stopped after a few wrong guesses, whatever else it does.

const t = useTestDatabase();
const fields = (code: string, email: string) => ({
  code,
  mode: 'password',
  email,
  password: GOOD_PASSWORD,
  password_confirm: GOOD_PASSWORD,
});

describe('one address, many people', () => {
  test('25 activations of 25 codes from one IP in a minute all succeed', async () => {
    const { app, clock } = makeApp(t, { postRateLimit: DEFAULT_POST_RATE_LIMIT });
    const wifi = testIp();
    const volunteers = await Promise.all(
      Array.from({ length: 25 }, (_, i) =>
        invitePerson(t.db, clock(), { nom: `Bénévole${i}`, email: uniqueEmail('soiree') }),
      ),
    );
    const statuses = [];
    for (const v of volunteers)
      statuses.push((await postForm(app, '/activate', fields(v.code, v.email!), { ip: wifi })).status);
    expect(statuses).toEqual(Array(25).fill(200));
    await app.settle();
  });

  test('100 guessed codes from one IP are stopped after the allowed wrong guesses; others are not', async () => {
    const { app, clock } = makeApp(t, { postRateLimit: DEFAULT_POST_RATE_LIMIT });
    const bot = testIp();
    const statuses: number[] = [];
    for (let i = 0; i < 100; i++)
      statuses.push(
        (await postForm(app, '/activate', fields(generateInviteCode(), uniqueEmail('bot')), { ip: bot })).status,
      );
    expect(statuses.slice(0, CODE_GUESS_LIMIT.limit)).toEqual(Array(CODE_GUESS_LIMIT.limit).fill(422));
    expect(statuses.slice(CODE_GUESS_LIMIT.limit)).toEqual(Array(100 - CODE_GUESS_LIMIT.limit).fill(429));
    // The stopped address cannot try even a real code until the window passes; anyone else can.
    const real = await invitePerson(t.db, clock(), { email: uniqueEmail('vraie') });
    const blocked = await postForm(app, '/activate', fields(real.code, real.email!), { ip: bot });
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await postForm(app, '/activate', fields(real.code, real.email!), { ip: testIp() })).status).toBe(200);
  });

  test('codes that exist but are dead (used, expired) are their holder’s, not guesses', async () => {
    const { app, clock } = makeApp(t, { postRateLimit: DEFAULT_POST_RATE_LIMIT });
    const volunteer = testIp();
    const expired = await invitePerson(t.db, clock(), { validityMs: 1000 });
    clock.advance(2000);
    for (let i = 0; i < CODE_GUESS_LIMIT.limit + 2; i++)
      expect(
        (await postForm(app, '/activate', fields(expired.code, uniqueEmail('tard')), { ip: volunteer })).status,
      ).toBe(422);
  });
});

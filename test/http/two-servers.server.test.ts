import { DEFAULT_POST_RATE_LIMIT } from '../../src/http/app.js';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { hashPassword, verifyPassword } from '../../src/auth/password-hash.js';
import { createActiveAccount, GOOD_PASSWORD, invitePerson, readOutbox, testIp, uniqueEmail } from '../support/http.js';
import { type Answer, type ServePair, send, startServePair, waitForOutbox } from '../support/serve-pair.js';
import type { ServeProcess } from '../support/serve-process.js';

// Two real `zdl serve` (the compiled CLI: `npm run build` first) on ONE PostgreSQL database, as
// behind a load balancer: whatever one server knows, the other must know, because it is in the
// database and nowhere else.
let pair: ServePair;
beforeAll(async () => (pair = await startServePair()), 60_000);
afterAll(() => pair?.close());

const activation = (code: string, email: string) => ({
  code,
  mode: 'password',
  email,
  password: GOOD_PASSWORD,
  password_confirm: GOOD_PASSWORD,
});
// The loser of a race finds the code already spent (issue 15: a used code says so).
const CODE_SPENT = 'Ce code a déjà servi';

describe('two zdl serve on one database', () => {
  test('the per-IP POST limit counts the requests of both servers together', async () => {
    const { limit, windowMs } = DEFAULT_POST_RATE_LIMIT;
    for (let attempt = 1; ; attempt++) {
      const ip = `203.0.113.${attempt}`;
      const startedIn = Math.floor(Date.now() / windowMs);
      const answers: Answer[] = [];
      // Half on each server: a count kept in each process would allow as many more on either.
      for (let i = 0; i < limit; i++) {
        answers.push(await send(i % 2 ? pair.b : pair.a, '/reset-password', { ip, fields: { token: 'x' } }));
      }
      const overA = await send(pair.a, '/reset-password', { ip, fields: { token: 'x' } });
      const overB = await send(pair.b, '/reset-password', { ip, fields: { token: 'x' } });
      // A fixed window that turned during the loop restarts the count: try again with another client.
      if (Math.floor(Date.now() / windowMs) !== startedIn && attempt < 3) continue;
      expect(answers.map((a) => a.status)).toEqual(Array(limit).fill(410));
      for (const over of [overA, overB]) {
        expect(over.status).toBe(429);
        expect(over.body).toContain('Trop de tentatives, réessayez dans quelques minutes.');
      }
      // Another client is not affected.
      expect((await send(pair.a, '/reset-password', { ip: testIp(), fields: { token: 'x' } })).status).toBe(410);
      const [row] = await pair.t.db.transaction(
        (tx) => tx<{ count: number }[]>`select count from zdl.rate_limits where key = ${`post:/reset-password:${ip}`}`,
      );
      expect(row!.count).toBe(limit + 2);
      return;
    }
  });

  test('one invitation raced on both servers at once yields exactly one account', async () => {
    // The address on file, typed in two cases: activated at once, no confirmation step.
    const onFile = [1, 2, 3].map(() => uniqueEmail('course'));
    const invites = await Promise.all(onFile.map((email) => invitePerson(pair.t.db, new Date(), { email })));
    const races = await Promise.all(
      invites.map(async (invite) => {
        const emails = [invite.email!, invite.email!.toUpperCase()];
        const [onA, onB] = await Promise.all([
          send(pair.a, '/activate', { ip: testIp(), fields: activation(invite.code, emails[0]!) }),
          send(pair.b, '/activate', { ip: testIp(), fields: activation(invite.code, emails[1]!) }),
        ]);
        return { invite, emails, answers: [onA, onB] };
      }),
    );
    for (const { invite, emails, answers } of races) {
      expect(answers.map((a) => a.status).sort()).toEqual([200, 422]);
      const winner = answers.findIndex((a) => a.status === 200);
      expect(answers[winner]!.body).toContain('Votre accès est activé');
      expect(answers[1 - winner]!.body).toContain(CODE_SPENT);
      const accounts = await pair.t.db.transaction(
        (tx) => tx<{ email: string }[]>`
          select a.email from zdl.accounts a join zdl.user_invites i using (personne_id)
          where i.id = ${invite.inviteId} and i.used_at is not null and a.activated_at is not null`,
      );
      expect(accounts.map((a) => a.email)).toEqual([emails[winner]]);
    }
  });

  test('a reset asked on one server completes on the other; the attempts count is shared', async () => {
    const email = uniqueEmail('reprise');
    const account = await createActiveAccount(pair.t.db, new Date(), email, await hashPassword('ancienne phrase'));
    const asked = await send(pair.a, '/forgot-password', { ip: testIp(), fields: { email } });
    expect(asked.status).toBe(200);
    const mails = await waitForOutbox(pair.a.outbox, (mail) => mail.template === 'password_reset');
    const mail = mails.find((m) => m.to[0]?.email === email);
    const link = /https:\/\/\S+\/reset-password\?token=([A-Za-z0-9_-]{43})/.exec(mail!.text)!;
    const token = link[1]!;
    const otp = /^\s+(\d{6})$/m.exec(mail!.text)![1]!;
    const wrong = otp === '000000' ? '111111' : '000000';

    const url = new URL(link[0]);
    expect((await send(pair.b, url.pathname + url.search, { ip: testIp() })).status).toBe(200);
    const reset = (server: ServeProcess, code: string) =>
      send(server, '/reset-password', {
        ip: testIp(),
        fields: {
          token,
          otp: code,
          password: 'une toute nouvelle phrase',
          password_confirm: 'une toute nouvelle phrase',
        },
      });
    const firstWrong = await reset(pair.b, wrong);
    const secondWrong = await reset(pair.a, wrong);
    const left = (answer: Answer) => Number(/Il vous reste (\d+) essai/.exec(answer.body)?.[1]);
    expect([firstWrong.status, secondWrong.status]).toEqual([422, 422]);
    expect(left(secondWrong)).toBe(left(firstWrong) - 1);
    expect((await reset(pair.b, otp)).status).toBe(200);
    expect((await send(pair.a, url.pathname + url.search, { ip: testIp() })).status).toBe(410);

    const [row] = await pair.t.db.transaction(
      (tx) => tx<{ password_hash: string }[]>`select password_hash from zdl.accounts where id = ${account.accountId}`,
    );
    expect(await verifyPassword(row!.password_hash, 'une toute nouvelle phrase')).toBe(true);
    const changed = await waitForOutbox(pair.b.outbox, (m) => m.template === 'password_changed');
    expect(changed.map((m) => m.to[0]?.email)).toEqual([email]);
    expect(readOutbox(pair.b.outbox).filter((m) => m.template === 'password_reset')).toEqual([]);
  });

  test('SIGTERM on one server mid-stream: it finishes its requests and exits 0, the other serves on, nothing is lost', async () => {
    const onFile = Array.from({ length: 16 }, (_, i) => uniqueEmail(`flux-${i}`));
    const invites = await Promise.all(onFile.map((email) => invitePerson(pair.t.db, new Date(), { email })));
    const resetEmail = uniqueEmail('arret');
    await createActiveAccount(pair.t.db, new Date(), resetEmail, await hashPassword('ancienne phrase'));
    let stopA: Promise<number | null> | undefined;
    let forgotOnA: Promise<Answer> | undefined;
    let refusedByA = 0;

    // Like a proxy: a connection A refuses (it stopped listening) goes to B.
    const activate = async (server: ServeProcess, code: string, email: string) => {
      try {
        return {
          email,
          server,
          answer: await send(server, '/activate', { ip: testIp(), fields: activation(code, email) }),
        };
      } catch {
        refusedByA++;
        const answer = await send(pair.b, '/activate', { ip: testIp(), fields: activation(code, email) });
        return { email, server: pair.b, answer };
      }
    };
    const stream = invites.map(async (invite, i) => {
      await sleep(i * 40);
      if (i === 7) {
        // POST /forgot-password takes at least 250 ms: it is surely in flight on A at SIGTERM.
        forgotOnA = send(pair.a, '/forgot-password', { ip: testIp(), fields: { email: resetEmail } });
        await sleep(50);
        stopA = pair.a.stop();
      }
      return activate(i % 2 ? pair.b : pair.a, invite.code, invite.email!);
    });
    const results = await Promise.all(stream);

    expect(await stopA).toBe(0);
    expect(pair.a.output.stderr).toContain('SIGTERM reçu');
    expect((await forgotOnA)?.status).toBe(200);
    // A sent, before exiting, the e-mail of every request it answered.
    const sentByA = readOutbox(pair.a.outbox).map((m) => `${m.template} ${m.to[0]?.email}`);
    expect(sentByA).toContain(`password_reset ${resetEmail}`);
    for (const r of results.filter((r) => r.server === pair.a))
      expect(sentByA).toContain(`access_activated ${r.email}`);
    expect(refusedByA).toBeGreaterThan(0);
    expect(results.map((r) => r.answer.status)).toEqual(Array(16).fill(200));

    const committed = await pair.t.db.transaction(
      (tx) => tx<{ email: string }[]>`
        select a.email from zdl.accounts a join zdl.user_invites i using (personne_id)
        where i.id in ${tx(invites.map((invite) => invite.inviteId))} and a.activated_at is not null`,
    );
    expect(committed.map((row) => row.email).sort()).toEqual(results.map((r) => r.email).sort());
    expect((await send(pair.b, '/healthz', { ip: testIp() })).status).toBe(200);
  });
});

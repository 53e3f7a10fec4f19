import { describe, expect, test } from 'vitest';
import { runCli } from '../support/cli.js';
import { useTestDatabase } from '../support/database.js';

const t = useTestDatabase();
const cli = (...argv: string[]) => runCli(argv, { env: t.env, cwd: t.dir });
const later = (ms: number) => () => new Date(Date.now() + ms);

async function addPerson(nom: string, ...extra: string[]) {
  return JSON.parse((await cli('persons', 'add', '--nom', nom, '--prenom', 'Test', '--json', ...extra)).stdout);
}

describe('invites', () => {
  test('issue prints the contract JSON and revokes the earlier pending invitation', async () => {
    const { person } = await addPerson('Issue');
    const first = JSON.parse((await cli('invites', 'issue', String(person.id), '--json')).stdout);
    expect(Object.keys(first).sort()).toEqual(['code', 'expires_at', 'id', 'person_id']);
    const second = JSON.parse((await cli('invites', 'issue', String(person.id), '--expires', '30m', '--json')).stdout);
    const all = JSON.parse(
      (await cli('invites', 'list', '--status', 'all', '--person', String(person.id), '--json')).stdout,
    );
    expect(all.map((i: { id: number; status: string }) => [i.id, i.status])).toEqual([
      [second.id, 'pending'],
      [first.id, 'revoked'],
    ]);
    expect(Object.keys(all[0]).sort()).toEqual([
      'created_at',
      'expires_at',
      'id',
      'nom',
      'person_id',
      'prenom',
      'status',
      'used_at',
    ]);
  });

  test('issue is refused for active or revoked access, and for unknown persons', async () => {
    const { person } = await addPerson('Revoked');
    expect((await cli('access', 'revoke', String(person.id), '--yes')).code).toBe(0);
    const refused = await cli('invites', 'issue', String(person.id));
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('révoqué');
    expect((await cli('invites', 'issue', '424242')).code).toBe(3);
    const [account] = await t.db.transaction(
      (tx) => tx`
      insert into zdl.personnes (nom, prenom) values ('Actif', 'Test') returning id`,
    );
    await t.db.transaction(
      (tx) => tx`insert into zdl.accounts (personne_id, email, password_hash, activated_at)
      values (${account!.id}, 'actif@example.org', '$argon2id$v=19$m=19456,t=2,p=1$x$y', now())`,
    );
    const active = await cli('invites', 'issue', String(account!.id));
    expect(active.code).toBe(2);
    expect(active.stderr).toContain('déjà activé');
  });

  test('list shows statuses by filter; expiry follows the clock', async () => {
    const { person } = await addPerson('Expiring');
    const invite = JSON.parse((await cli('invites', 'issue', String(person.id), '--expires', '90s', '--json')).stdout);
    const pending = JSON.parse((await cli('invites', 'list', '--json')).stdout);
    expect(pending.map((i: { id: number }) => i.id)).toContain(invite.id);
    const expired = await runCli(['invites', 'list', '--status', 'expired', '--json'], {
      env: t.env,
      cwd: t.dir,
      clock: later(120_000),
    });
    expect(JSON.parse(expired.stdout).map((i: { id: number }) => i.id)).toContain(invite.id);
    expect((await cli('invites', 'list', '--status', 'soon')).code).toBe(2);
  });

  test('revoke: unknown id exits 3, non-pending exits 2', async () => {
    const { person } = await addPerson('Revoke');
    const invite = JSON.parse((await cli('invites', 'issue', String(person.id), '--json')).stdout);
    expect((await cli('invites', 'revoke', String(invite.id))).code).toBe(0);
    expect((await cli('invites', 'revoke', String(invite.id))).code).toBe(2);
    expect((await cli('invites', 'revoke', '999999')).code).toBe(3);
    expect((await cli('invites', 'revoke', 'abc')).code).toBe(2);
  });

  test('purge deletes expired and revoked unused invitations, keeps used ones and pending ones', async () => {
    const { person: a } = await addPerson('PurgeA');
    const { person: b } = await addPerson('PurgeB');
    const { person: c } = await addPerson('PurgeC');
    const expiring = JSON.parse((await cli('invites', 'issue', String(a.id), '--expires', '60s', '--json')).stdout);
    const revoked = JSON.parse((await cli('invites', 'issue', String(b.id), '--json')).stdout);
    await cli('invites', 'revoke', String(revoked.id));
    const kept = JSON.parse((await cli('invites', 'issue', String(c.id), '--expires', '1d', '--json')).stdout);
    const used = JSON.parse((await cli('invites', 'issue', String(c.id), '--json')).stdout);
    await t.db.transaction(
      (tx) =>
        tx`update zdl.user_invites set used_at = now(), expires_at = now() + interval '1 second' where id = ${used.id}`,
    );

    const inFiveMinutes = later(300_000);
    const dry = await runCli(['invites', 'purge', '--dry-run', '--json'], {
      env: t.env,
      cwd: t.dir,
      clock: inFiveMinutes,
    });
    expect(JSON.parse(dry.stdout).purged).toBeGreaterThanOrEqual(3); // expiring, revoked, and kept (revoked by re-issue)
    const purge = await runCli(['invites', 'purge', '--json'], { env: t.env, cwd: t.dir, clock: inFiveMinutes });
    expect(purge.code).toBe(0);
    expect(JSON.parse(purge.stdout).purged).toBe(JSON.parse(dry.stdout).purged);
    const left = await t.db.transaction(
      (tx) => tx`select id from zdl.user_invites where id in ${tx([expiring.id, revoked.id, kept.id, used.id])}`,
    );
    expect(left.map((r) => r.id)).toEqual([used.id]);
    const again = await runCli(['invites', 'purge'], { env: t.env, cwd: t.dir, clock: inFiveMinutes });
    expect(again.code).toBe(0);
    expect(again.stderr).toContain('0 invitation');
    expect(again.stdout).toBe('');
  });

  test('two purges at once both succeed and delete each row once', async () => {
    const { person } = await addPerson('Concurrent');
    await t.db.transaction(
      (tx) => tx`
      insert into zdl.user_invites (code_hash, personne_id, created_at, expires_at, revoked_at, created_by)
      select sha256(convert_to('c' || g::text, 'UTF8')), ${person.id}, now() - interval '2 days', now() - interval '1 day', now(), 'cli:test'
      from generate_series(1, 500) g`,
    );
    const results = await Promise.all([
      cli('invites', 'purge', '--json'),
      cli('invites', 'purge', '--json'),
      cli('invites', 'purge', '--json'),
    ]);
    expect(results.map((r) => r.code)).toEqual([0, 0, 0]);
    const total = results.reduce((sum, r) => sum + JSON.parse(r.stdout).purged, 0);
    expect(total).toBe(500);
    const left = await t.db.transaction(
      (tx) => tx`select count(*)::int as n from zdl.user_invites where personne_id = ${person.id}`,
    );
    expect(left[0]!.n).toBe(0);
  });
});

describe('access', () => {
  test('revoke kills pending invitations and resets at once; restore lifts it', async () => {
    const { person, invite } = await addPerson('Access', '--invite', '--email', 'access@example.org');
    const refused = await cli('access', 'revoke', String(person.id));
    expect(refused.code).toBe(2);
    const revoked = await cli('access', 'revoke', 'access@example.org', '--yes', '--json');
    expect(revoked.code).toBe(0);
    expect(JSON.parse(revoked.stdout)).toMatchObject({ access: 'revoked', invites_revoked: 1 });
    const list = JSON.parse(
      (await cli('invites', 'list', '--status', 'all', '--person', String(person.id), '--json')).stdout,
    );
    expect(list[0]).toMatchObject({ id: invite.id, status: 'revoked' });
    expect((await cli('access', 'revoke', String(person.id), '--yes')).code).toBe(2);
    const restored = await cli('access', 'restore', String(person.id), '--json');
    expect(JSON.parse(restored.stdout)).toMatchObject({ access: 'none' });
    expect((await cli('access', 'restore', String(person.id))).code).toBe(2);
    expect((await cli('invites', 'issue', String(person.id))).code).toBe(0);
  });
});

describe('audit', () => {
  test('every mutating command leaves one row with its actor, and no secret anywhere', async () => {
    const created = await addPerson('Audit', '--invite', '--email', 'audit@example.org');
    const issued = JSON.parse((await cli('invites', 'issue', String(created.person.id), '--json')).stdout);
    const rows = JSON.parse((await cli('audit', '--person', String(created.person.id), '--json')).stdout);
    expect(rows.map((r: { action: string }) => r.action)).toEqual(['invite.issued', 'invite.issued', 'person.created']);
    expect(rows.every((r: { actor: string }) => r.actor.startsWith('cli:'))).toBe(true);
    const filtered = JSON.parse(
      (await cli('audit', '--action', 'person', '--since', '1h', '--limit', '5', '--json')).stdout,
    );
    expect(filtered.every((r: { action: string }) => r.action.startsWith('person.'))).toBe(true);
    expect(filtered.length).toBeLessThanOrEqual(5);
    expect((await cli('audit', '--since', 'hier')).code).toBe(2);
    expect((await cli('audit', '--limit', '0')).code).toBe(2);

    // No code in the database (only hashes), the audit log, or any listing.
    const dump = await t.db.transaction(
      (tx) => tx`
      select (select json_agg(a) from zdl.audit_log a)::text as audit,
             (select json_agg(i) from zdl.user_invites i)::text as invites`,
    );
    const listings = [
      (await cli('invites', 'list', '--status', 'all', '--json')).stdout,
      (await cli('persons', 'list')).stdout,
      (await cli('audit')).stdout,
      (await cli('persons', 'show', String(created.person.id), '--json')).stdout,
    ].join('\n');
    for (const code of [created.invite.code, issued.code]) {
      const compact = code.replace(/-/g, '');
      for (const haystack of [dump[0]!.audit, dump[0]!.invites, listings]) {
        expect(haystack).not.toContain(code);
        expect(haystack).not.toContain(compact);
      }
    }
  });
});

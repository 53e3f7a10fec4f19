import { readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { runCli, spawnCli } from '../support/cli.js';
import { useTestDatabase } from '../support/database.js';
import { GOOD_PASSWORD, inputValue, uniqueEmail } from '../support/http.js';
import { extractPdfText, readCardLinks } from '../support/pdf.js';
import { startServeProcess } from '../support/serve-process.js';

const t = useTestDatabase();
const cli = (...argv: string[]) => runCli(argv, { env: { ...t.env, ZDL_PUBLIC_URL: PUBLIC }, cwd: t.dir });
const PUBLIC = 'https://acces.zdl.test';

async function addPerson(nom: string, prenom: string, ...extra: string[]): Promise<number> {
  const added = await cli('persons', 'add', '--nom', nom, '--prenom', prenom, '--json', ...extra);
  expect(added.code, added.stderr).toBe(0);
  return JSON.parse(added.stdout).person.id;
}

describe('invites cards', () => {
  test('prints one card per person, owner-only, codes only in the PDF, audited without them', async () => {
    const ids = [await addPerson('Lefèvre', 'Hélène'), await addPerson('Nœl', 'François')];
    const out = path.join(t.dir, 'cartes.pdf');
    const printed = await cli('invites', 'cards', ...ids.map(String), '--out', out, '--json');
    expect(printed.code, printed.stderr).toBe(0);
    const json = JSON.parse(printed.stdout);
    expect(json.count).toBe(2);
    expect(json.invites.map((i: { person_id: number }) => i.person_id)).toEqual(ids);
    expect(Object.keys(json.invites[0]).sort()).toEqual(['expires_at', 'id', 'nom', 'person_id', 'prenom']);
    expect(printed.stderr).toMatch(/2 carte\(s\) écrite\(s\) dans .*cartes\.pdf : 2 code\(s\) valable\(s\) jusqu’au/);
    expect(statSync(out).mode & 0o777).toBe(0o600);

    const text = await extractPdfText(out);
    expect(text).toContain('Bonjour Hélène Lefèvre');
    expect(text).toContain('Bonjour François Nœl');
    const codes = text.match(/ZDL-[0-9A-Z]{6}-[0-9A-Z]{5}/g)!;
    expect(codes).toHaveLength(2);
    expect(await readCardLinks(out, 2)).toEqual(codes.map((code) => `${PUBLIC}/activate?code=${code}`));

    const audit = await t.db.transaction(
      (tx) => tx`select personne_id, detail from zdl.audit_log where action = 'invite.card_printed' order by id`,
    );
    expect(audit.map((row) => row.personne_id)).toEqual(ids);
    expect(audit[0]!.detail).toMatchObject({ invite_id: json.invites[0].id, file: out, cards: 2 });
    for (const code of codes) expect(JSON.stringify(audit)).not.toContain(code.slice(4));
  }, 120_000);

  test('never overwrites without --force; revoking pending invitations needs --yes; --show-codes', async () => {
    const id = await addPerson('Martin', 'Zoé');
    const out = path.join(t.dir, 'existant.pdf');
    writeFileSync(out, 'à garder');
    const refused = await cli('invites', 'cards', String(id), '--out', out);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('--force');
    expect(readFileSync(out, 'utf8')).toBe('à garder');

    const first = JSON.parse((await cli('invites', 'issue', String(id), '--json')).stdout);
    const unconfirmed = await cli('invites', 'cards', String(id), '--out', out, '--force');
    expect(unconfirmed.code).toBe(2);
    expect(unconfirmed.stderr).toContain('--yes');
    expect(readFileSync(out, 'utf8')).toBe('à garder');

    const forced = await cli(
      'invites',
      'cards',
      String(id),
      '--out',
      out,
      '--force',
      '--yes',
      '--json',
      '--show-codes',
    );
    expect(forced.code, forced.stderr).toBe(0);
    const [card] = JSON.parse(forced.stdout).invites;
    expect(await extractPdfText(out)).toContain(card.code);
    const statuses = JSON.parse(
      (await cli('invites', 'list', '--status', 'all', '--person', String(id), '--json')).stdout,
    );
    expect(statuses.map((i: { id: number; status: string }) => [i.id, i.status])).toEqual([
      [card.id, 'pending'],
      [first.id, 'revoked'],
    ]);
  }, 120_000);

  test('--all-without-access skips active and revoked people; named ones are refused before anything is issued', async () => {
    const none = await addPerson('Sansaccès', 'Anaïs');
    const revoked = await addPerson('Révoquée', 'Ève');
    expect((await cli('access', 'revoke', String(revoked), '--yes')).code).toBe(0);
    const out = path.join(t.dir, 'tous.pdf');
    const refused = await cli('invites', 'cards', String(none), String(revoked), '--out', out);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('Ève Révoquée');
    expect(() => statSync(out)).toThrow();

    const all = await cli('invites', 'cards', '--all-without-access', '--out', out, '--yes', '--json');
    expect(all.code, all.stderr).toBe(0);
    const ids = JSON.parse(all.stdout).invites.map((i: { person_id: number }) => i.person_id);
    expect(ids).toContain(none);
    expect(ids).not.toContain(revoked);
  });
});

describe('a card handed out activates an account through zdl serve', () => {
  test('the QR read from the printed PDF opens the form with the code; posting it activates', async () => {
    const server = await startServeProcess(t);
    try {
      const env = server.env;
      // The address on file is the one typed at activation: no confirmation step.
      const email = uniqueEmail('lea');
      const added = await spawnCli(
        ['persons', 'add', '--nom', 'Dupré', '--prenom', 'Léa', '--email', email, '--json'],
        {
          env,
          cwd: t.dir,
        },
      );
      const id = JSON.parse(added.stdout).person.id;
      const out = path.join(t.dir, 'carte-lea.pdf');
      const printed = await spawnCli(['invites', 'cards', String(id), '--out', out], { env, cwd: t.dir });
      expect(printed.code, printed.stderr).toBe(0);

      const [link] = await readCardLinks(out, 1);
      expect(link).toMatch(new RegExp(`^${server.origin}/activate\\?code=ZDL-`));
      const code = new URL(link!).searchParams.get('code')!;
      expect(await extractPdfText(out)).toContain(code);

      const form = await fetch(link!);
      expect(form.status).toBe(200);
      expect(inputValue(await form.text(), 'code')).toBe(code);
      const answer = await fetch(`${server.origin}/activate`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: server.origin },
        body: new URLSearchParams({
          code,
          mode: 'password',
          email,
          password: GOOD_PASSWORD,
          password_confirm: GOOD_PASSWORD,
        }),
      });
      expect(answer.status, await answer.clone().text()).toBe(200);
      expect(await answer.text()).toContain('Votre accès est activé');
      const show = await spawnCli(['persons', 'list', '--json'], { env, cwd: t.dir });
      expect(JSON.parse(show.stdout).find((p: { id: number }) => p.id === id).access).toBe('active');
    } finally {
      expect(await server.stop()).toBe(0);
    }
  }, 120_000);
});

import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { runCli } from '../support/cli.js';
import { useTestDatabase } from '../support/database.js';
import { confirmWithCode } from '../support/email-confirmation.js';
import { GOOD_PASSWORD, inputValue, makeApp, PUBLIC_URL, postForm, readOutbox, uniqueEmail } from '../support/http.js';
import { readCardLinks, readCardTexts, renderPdfPages } from '../support/pdf.js';

// `persons import --invite --cards`: the issue's « Done when » — cards for ten people printed
// right after an import, each QR read back from the PDF, one of them activating an account.

const t = useTestDatabase();
let outbox: string;
let dir: string;
const cli = (...argv: string[]) =>
  runCli(argv, { env: { ...t.env, ZDL_PUBLIC_URL: PUBLIC_URL, ZDL_MAIL_OUTBOX: outbox }, cwd: dir });
const CODE = /ZDL-[0-9A-Z]{6}-[0-9A-Z]{5}/;

beforeAll(() => {
  outbox = mkdtempSync(path.join(t.dir, 'outbox-'));
  dir = mkdtempSync(path.join(t.dir, 'cards-'));
});

// Ten people, accents in every name, six without an e-mail address: they get only their card.
const PEOPLE = `Lefèvre,Hélène,helene@exemple.org;Nœl,François,;Çelik,Anaïs,anais@exemple.org;Dupré,Jérôme,
  ;Éluard,Zoé,;Bâtard,Gaëlle,gaelle@exemple.org;Müller,Ségolène,;Lœb,Noël,noel@exemple.org;Garçon,Maëlys,;Ôtan,Benoît,`
  .split(';')
  .map((row) => row.trim().split(','));

function csv(name: string, rows: string[][]): string {
  const file = path.join(dir, name);
  writeFileSync(file, `nom,prenom,email\n${rows.map((row) => row.join(',')).join('\n')}\n`);
  return file;
}

/** `persons import <rows> --invite --cards <out> …`. */
const importCards = (file: string, out: string, ...flags: string[]) =>
  cli('persons', 'import', file, '--invite', '--cards', out, ...flags);

const pdfs = () => readdirSync(dir).filter((name) => name.endsWith('.pdf') || name.endsWith('.tmp'));

async function personCount(): Promise<number> {
  const [row] = await t.db.transaction((tx) => tx<{ n: number }[]>`select count(*)::int as n from zdl.personnes`);
  return row!.n;
}

describe('persons import --invite --cards', () => {
  test('ten people: a card each, e-mail or not; QR, name and code on the same card; the card activates', async () => {
    const out = path.join(dir, 'cartes.pdf');
    const result = await importCards(csv('dix.csv', PEOPLE), out, '--send', '--json');
    expect(result.code, result.stderr).toBe(0);
    const json = JSON.parse(result.stdout);
    expect(json.cards).toMatchObject({ file: out, count: 10 });
    expect(Object.keys(json.persons[0].invite).sort()).toEqual(['expires_at', 'id']);
    expect(result.stderr).toMatch(/10 carte\(s\) écrite\(s\) dans .*cartes\.pdf : 10 code\(s\) valable\(s\) jusqu’au/);
    expect(result.stderr).toContain('6 personne(s) sans e-mail : leur carte seulement.');
    expect(statSync(out).mode & 0o777).toBe(0o600);
    expect(pdfs()).toEqual(['cartes.pdf']);

    const texts = await readCardTexts(out, 10);
    const links = await readCardLinks(out, 10);
    const codes = texts.map((text) => CODE.exec(text)?.[0]);
    PEOPLE.forEach(([nom, prenom], i) => {
      expect(texts[i]).toContain(`Bonjour ${prenom} ${nom}`);
      expect(links[i]).toBe(`${PUBLIC_URL}/activate?code=${codes[i]}`);
    });
    expect(new Set(codes).size).toBe(10);

    // --send: those with an address also get the e-mail, with their card's code.
    const mails = readOutbox(outbox);
    expect(mails.map((mail) => mail.to[0]!.email).sort()).toEqual(
      PEOPLE.flatMap(([, , email]) => (email ? [email] : [])).sort(),
    );
    for (const mail of mails) {
      const i = PEOPLE.findIndex(([, , email]) => email === mail.to[0]!.email);
      expect(mail.text).toContain(codes[i]!);
    }

    const audit = await t.db.transaction(
      (tx) => tx`select personne_id, detail from zdl.audit_log where action = 'invite.card_printed' order by id`,
    );
    expect(audit.map((row) => row.personne_id)).toEqual(json.persons.map((p: { id: number }) => p.id));
    expect(audit[0]!.detail).toMatchObject({ invite_id: json.persons[0].invite.id, file: out, cards: 10 });
    for (const code of codes) expect(JSON.stringify(audit)).not.toContain(code!.slice(4));

    const [page] = await renderPdfPages(out, path.join(dir, 'rendu'));
    mkdirSync('screenshots', { recursive: true });
    copyFileSync(page!, 'screenshots/import-cards-page-1.png');

    // The journey: François Nœl has no e-mail; his phone opens the QR's link and he activates.
    const { app, outbox: appOutbox } = makeApp(t);
    const link = new URL(links[1]!);
    const form = await app.request(`${link.pathname}${link.search}`);
    expect(form.status).toBe(200);
    expect(inputValue(await form.text(), 'code')).toBe(codes[1]);
    const email = uniqueEmail('francois');
    const fields = { code: codes[1]!, mode: 'password', email, password: GOOD_PASSWORD };
    const pending = await postForm(app, '/activate', { ...fields, password_confirm: GOOD_PASSWORD });
    expect(pending.status).toBe(200);
    // No address on file: the one he typed is confirmed first, with the e-mail's code.
    const confirmPage = await pending.text();
    expect(confirmPage).toContain('Confirmez votre adresse e-mail');
    const answer = await confirmWithCode(app, confirmPage, appOutbox, email);
    expect(answer.status).toBe(200);
    expect(await answer.text()).toContain('Votre accès est activé');
    const listed = JSON.parse((await cli('persons', 'list', '--all', '--json')).stdout);
    const access = (id: number) => listed.find((p: { id: number }) => p.id === id).access;
    expect(access(json.persons[1].id)).toBe('active');
    expect(access(json.persons[0].id)).toBe('invited');
  }, 180_000);

  test('eleven people take two pages; --show-codes puts the codes in the JSON', async () => {
    const rows = Array.from({ length: 11 }, (_, i) => [`Onzième${i}`, `Élodie${i}`, '']);
    const out = path.join(dir, 'onze.pdf');
    const result = await importCards(csv('onze.csv', rows), out, '--json', '--show-codes');
    expect(result.code, result.stderr).toBe(0);
    const codes = JSON.parse(result.stdout).persons.map((p: { invite: { code: string } }) => p.invite.code);
    expect(await renderPdfPages(out, path.join(dir, 'onze'))).toHaveLength(2);
    expect(await readCardLinks(out, 11)).toEqual(codes.map((code: string) => `${PUBLIC_URL}/activate?code=${code}`));
    const last = (await readCardTexts(out, 11))[10]!;
    expect(last).toContain('Bonjour Élodie10 Onzième10');
    expect(last).toContain(codes[10]);
  }, 120_000);

  test('an existing file is refused before anything is imported; --force replaces it', async () => {
    const out = path.join(dir, 'existant.pdf');
    writeFileSync(out, 'à garder', { mode: 0o644 });
    const before = await personCount();
    const file = csv('force.csv', [['Forcé', 'Aimé', '']]);
    const refused = await importCards(file, out);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('--force');
    expect(readFileSync(out, 'utf8')).toBe('à garder');
    expect(await personCount()).toBe(before);

    const forced = await importCards(file, out, '--force');
    expect(forced.code, forced.stderr).toBe(0);
    expect(forced.stdout).not.toMatch(CODE);
    expect((await readCardTexts(out, 1))[0]).toContain('Bonjour Aimé Forcé');
    expect(statSync(out).mode & 0o777).toBe(0o600);
  }, 60_000);

  test('--cards needs --invite; --force and --show-codes need --cards', async () => {
    const file = csv('flags.csv', [['Drapeau', 'Léon', '']]);
    const cases = [
      [['--cards', 'x.pdf'], '--cards ne sert qu’avec --invite'],
      [['--invite', '--force'], '--force ne sert qu’avec --cards'],
      [['--invite', '--show-codes'], '--show-codes ne sert qu’avec --cards'],
    ] as const;
    for (const [flags, message] of cases) {
      const result = await cli('persons', 'import', file, ...flags);
      expect(result.code).toBe(2);
      expect(result.stderr).toContain(message);
    }
    expect(pdfs()).not.toContain('x.pdf');
  });

  test('a failed import publishes nothing and leaves no staged file', async () => {
    const before = await personCount();
    const out = path.join(dir, 'echec.pdf');
    const badRow = await importCards(
      csv('mauvais.csv', [
        ['Bon', 'Élise', ''],
        ['', 'SansNom', ''],
      ]),
      out,
    );
    expect(badRow.code).toBe(2);
    expect(badRow.stderr).toContain('ligne 3 : nom : obligatoire');

    // A COMMIT refused by a deferred trigger: the PDF was already staged when the import failed.
    await t.db.transaction(async (tx) => {
      await tx.unsafe(`
        create function public.refuse_import() returns trigger language plpgsql as $$
        begin raise exception 'refusé à la validation'; end $$`);
      await tx.unsafe(`
        create constraint trigger refuse_import after insert on zdl.personnes
        deferrable initially deferred for each row when (new.nom = 'Refusé')
        execute function public.refuse_import()`);
    });
    const refused = await importCards(csv('commit.csv', [['Refusé', 'Aurélien', '']]), out);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('Transaction non validée');
    expect(pdfs().filter((name) => name.includes('echec'))).toEqual([]);
    expect(await personCount()).toBe(before);
  }, 60_000);
});

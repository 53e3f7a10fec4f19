import { beforeAll, describe, expect, test } from 'vitest';
import { runCli } from '../support/cli.js';
import { useTestDatabase } from '../support/database.js';

// `persons list --search` as French names are typed: accents and case ignored, on both databases
// (PGlite has no unaccent: zdl.search_fold, migration 008).

const t = useTestDatabase();
const cli = (...argv: string[]) => runCli(argv, { env: t.env, cwd: t.dir });
const ids: Record<string, number> = {};

async function found(search: string): Promise<string[]> {
  const result = await cli('persons', 'list', '--search', search, '--all', '--json');
  expect(result.code).toBe(0);
  return (JSON.parse(result.stdout) as { prenom: string; nom: string }[]).map((p) => `${p.prenom} ${p.nom}`).sort();
}

beforeAll(async () => {
  const add = async (...argv: string[]) => {
    const result = await cli('persons', 'add', ...argv, '--json');
    expect(result.code).toBe(0);
    const person = JSON.parse(result.stdout).person;
    ids[person.prenom] = person.id;
  };
  await add('--nom', 'Lefèvre', '--prenom', 'Hélène', '--email', 'h.lefevre@example.org', '--tel1', '06 12 34 56 78');
  await add('--nom', 'DUPRÉ', '--prenom', 'Æsa', '--tel1', '+262 692 12 34 56');
  await add('--nom', 'Cœurdevey', '--prenom', 'Noël', '--email', 'NOEL@Example.org');
  await add('--nom', 'Martin', '--prenom', 'Léa');
  // Léa signs in with another address than the one on file: the account's e-mail is searched too.
  await t.db.transaction(
    (tx) => tx`insert into zdl.accounts (personne_id, email, password_hash, activated_at)
      values (${ids.Léa!}, 'lea.connexion@example.net', '$argon2id$v=19$m=1,t=1,p=1$x$y', now())`,
  );
});

describe('persons list --search', () => {
  test('accents and case ignored on nom and prénom, both ways', async () => {
    expect(await found('helene')).toEqual(['Hélène Lefèvre']);
    expect(await found('lefevre')).toEqual(['Hélène Lefèvre']);
    expect(await found('LEFÈVRE')).toEqual(['Hélène Lefèvre']);
    expect(await found('Hélène Lefevre')).toEqual(['Hélène Lefèvre']);
    expect(await found('lefevre helene')).toEqual(['Hélène Lefèvre']);
    expect(await found('dupre')).toEqual(['Æsa DUPRÉ']);
    expect(await found('aesa')).toEqual(['Æsa DUPRÉ']);
    expect(await found('coeurdevey')).toEqual(['Noël Cœurdevey']);
    expect(await found('noel')).toEqual(['Noël Cœurdevey']);
  });

  test('e-mail on file and the account’s, any case', async () => {
    expect(await found('noel@example')).toEqual(['Noël Cœurdevey']);
    expect(await found('lefevre@example.net')).toEqual([]);
    expect(await found('h.lefevre')).toEqual(['Hélène Lefèvre']);
    expect(await found('lea.connexion')).toEqual(['Léa Martin']);
  });

  test('phone digits, typed nationally or internationally, with any separators', async () => {
    expect(await found('06 12 34')).toEqual(['Hélène Lefèvre']);
    expect(await found('06.12.34.56.78')).toEqual(['Hélène Lefèvre']);
    expect(await found('+33 6 12')).toEqual(['Hélène Lefèvre']);
    expect(await found('0692')).toEqual([]);
    expect(await found('262 692')).toEqual(['Æsa DUPRÉ']);
    expect(await found('%')).toEqual([]);
    expect(await found('_')).toEqual([]);
  });
});

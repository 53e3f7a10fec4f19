import { readFile } from 'node:fs/promises';
import { ZdlError } from '../../../errors.js';
import { findEmailConflicts, importPersons } from '../../../persons/import-persons.js';
import { parsePersonsCsv } from '../../../persons/parse-persons-csv.js';
import type { CommandContext } from '../../context.js';
import { assertSendNeedsInvite, parseValidity } from '../../flags.js';
import { sendInviteEmails } from '../../send-invites.js';

interface ImportOptions {
  dryRun?: boolean;
  invite?: boolean;
  expires?: string;
  send?: boolean;
}

async function readCsv(file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new ZdlError(
      'FILE_UNREADABLE',
      'usage',
      `Impossible de lire ${file} : ${code === 'ENOENT' ? 'fichier introuvable' : (code ?? String(error))}.`,
    );
  }
}

function reportRowErrors(ctx: CommandContext, errors: { line: number; reason: string }[]): never {
  const sorted = [...errors].sort((a, b) => a.line - b.line);
  if (ctx.flags.json) ctx.out.printJson({ imported: 0, errors: sorted });
  for (const { line, reason } of sorted) ctx.out.info(`  ligne ${line} : ${reason}`);
  throw new ZdlError('INVALID_CSV', 'invalid', `${sorted.length} ligne(s) invalide(s) : rien n'a été importé.`);
}

export async function run(ctx: CommandContext, [file]: string[], options: ImportOptions): Promise<void> {
  assertSendNeedsInvite(options);
  const validityMs = parseValidity(options);
  const { persons, errors } = parsePersonsCsv(await readCsv(file!));
  if (options.send) {
    for (const p of persons)
      if (!p.input.email)
        errors.push({ line: p.line, reason: "pas d'e-mail : impossible d'envoyer l'invitation (--send)" });
  }
  if (errors.length > 0) reportRowErrors(ctx, errors);

  const db = await ctx.database();
  const showProgress = ctx.io.stderr.isTTY === true && persons.length >= 1_000;
  const result = await db.transaction(async (tx) => {
    const conflicts = await findEmailConflicts(tx, persons);
    if (conflicts.length > 0) return { conflicts };
    if (options.dryRun) return { imported: [] };
    const imported = await importPersons(tx, persons, {
      actor: ctx.actor,
      now: ctx.clock(),
      invite: options.invite === true,
      validityMs,
      onProgress: showProgress ? (done) => ctx.io.stderr.write(`\rImport : ${done}/${persons.length}`) : undefined,
    });
    return { imported };
  });
  if (showProgress && !options.dryRun) ctx.io.stderr.write('\n');
  if ('conflicts' in result) reportRowErrors(ctx, result.conflicts ?? []);

  if (options.dryRun) {
    if (ctx.flags.json) ctx.out.printJson({ dry_run: true, valid: persons.length, errors: [] });
    ctx.out.success(`${persons.length} ligne(s) valide(s) : rien n'a été importé (--dry-run).`);
    return;
  }
  const imported = result.imported ?? [];
  if (ctx.flags.json) {
    ctx.out.printJson({
      imported: imported.length,
      persons: imported.map(({ line, person, invite }) => ({
        line,
        id: person.id,
        nom: person.nom,
        prenom: person.prenom,
        email: person.email,
        role: person.role,
        invite,
      })),
    });
  } else {
    ctx.out.success(`${imported.length} personne(s) importée(s).`);
    if (options.invite) {
      ctx.out.info("Codes d'invitation (affichés une seule fois) :");
      await ctx.out.table(
        ['ligne', 'id', 'nom', 'prénom', 'code'],
        imported.map(({ line, person, invite }) => [line, person.id, person.nom, person.prenom, invite?.code ?? null]),
      );
    }
  }
  if (options.send)
    await sendInviteEmails(
      ctx,
      imported.map(({ person, invite }) => ({ person, invite: { ...invite!, person_id: person.id } })),
    );
}

import { readFile } from 'node:fs/promises';
import { ZdlError } from '../../../errors.js';
import { importPersonsFromCsv } from '../../../flows/import-persons.js';
import type { CsvRowError } from '../../../persons/parse-persons-csv.js';
import type { CommandContext } from '../../context.js';
import { assertSendNeedsInvite, parseValidity } from '../../flags.js';
import { openFlowDeps } from '../../flow-deps.js';
import { reportDeliveries } from '../../render-deliveries.js';

interface ImportOptions {
  dryRun?: boolean;
  invite?: boolean;
  expires?: string;
  send?: boolean;
}

/** Below this many rows an import is over before a counter would help. */
const PROGRESS_FROM = 1_000;

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

function reportRowErrors(ctx: CommandContext, errors: CsvRowError[]): never {
  if (ctx.flags.json) ctx.out.printJson({ imported: 0, errors });
  for (const { line, reason } of errors) ctx.out.info(`  ligne ${line} : ${reason}`);
  throw new ZdlError('INVALID_CSV', 'invalid', `${errors.length} ligne(s) invalide(s) : rien n'a été importé.`);
}

export async function run(ctx: CommandContext, [file]: string[], options: ImportOptions): Promise<void> {
  assertSendNeedsInvite(options);
  const validityMs = parseValidity(options);
  const csv = await readCsv(file!);
  let progressShown = false;
  const result = await importPersonsFromCsv(await openFlowDeps(ctx), ctx, {
    csv,
    dryRun: options.dryRun === true,
    invite: options.invite ? { validityMs } : null,
    send: options.send === true,
    onProgress:
      ctx.io.stderr.isTTY === true
        ? (done, total) => {
            if (total < PROGRESS_FROM) return;
            progressShown = true;
            ctx.io.stderr.write(`\rImport : ${done}/${total}`);
          }
        : undefined,
  });
  if (progressShown) ctx.io.stderr.write('\n');
  if (result.status === 'invalid') reportRowErrors(ctx, result.errors);
  if (result.status === 'valid') {
    if (ctx.flags.json) ctx.out.printJson({ dry_run: true, valid: result.count, errors: [] });
    ctx.out.success(`${result.count} ligne(s) valide(s) : rien n'a été importé (--dry-run).`);
    return;
  }
  const { imported, deliveries } = result;
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
  reportDeliveries(ctx, deliveries);
}

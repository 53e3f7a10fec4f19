import path from 'node:path';
import { assertCardsFileFree } from '../../../cards/cards-file.js';
import { ZdlError } from '../../../errors.js';
import { importPersonsFromCsv } from '../../../flows/import-persons.js';
import { readCardSheet } from '../../card-sheet.js';
import type { CommandContext } from '../../context.js';
import { assertSendNeedsInvite, parseChoice, parseValidity } from '../../flags.js';
import { ON_EXISTING, type OnExisting } from '../../../persons/match-existing.js';
import { Cancelled } from '../../cancelled.js';
import { openFlowDeps } from '../../flow-deps.js';
import { reportCardsWritten } from '../../render-cards.js';
import { reportDeliveries } from '../../render-deliveries.js';
import { jsonArray, writeJson } from '../../json-stream.js';
import { readCsvFile } from './read-csv-file.js';
import { reportRowErrors, summaryJson, summaryLine } from './import-summary.js';

interface ImportOptions {
  dryRun?: boolean;
  invite?: boolean;
  expires?: string;
  send?: boolean;
  cards?: string;
  force?: boolean;
  showCodes?: boolean;
  encoding?: string;
  ignoreUnknownColumns?: boolean;
  onExisting?: string;
}

const NAME_COLUMN = { title: 'nom', shrink: true };
const FIRST_NAME_COLUMN = { title: 'prénom', shrink: true };

function mapLazily<T, U>(items: readonly T[], map: (item: T) => U) {
  return jsonArray(
    (function* () {
      for (const item of items) yield map(item);
    })(),
  );
}

/** Below this many rows an import is over before a counter would help. */
const PROGRESS_FROM = 1_000;

/** `--cards` prints the invitations `--invite` creates; `--force` and `--show-codes` are about the cards. */
function assertCardsFlags(options: ImportOptions): void {
  const misplaced =
    options.cards !== undefined && !options.invite
      ? '--cards ne sert qu’avec --invite : zdl persons import <fichier> --invite --cards cartes.pdf'
      : options.cards === undefined && options.force
        ? '--force ne sert qu’avec --cards.'
        : options.cards === undefined && options.showCodes
          ? '--show-codes ne sert qu’avec --cards (sans --cards, les codes sont toujours affichés).'
          : null;
  if (misplaced) throw new ZdlError('INVALID_OPTION', 'usage', misplaced);
}

export async function run(ctx: CommandContext, [file]: string[], options: ImportOptions): Promise<void> {
  assertSendNeedsInvite(options);
  assertCardsFlags(options);
  const validityMs = parseValidity(options);
  const cardsFile = options.cards === undefined ? undefined : path.resolve(ctx.io.cwd, options.cards);
  if (cardsFile) await assertCardsFileFree(cardsFile, options.force === true);
  const onExisting =
    options.onExisting === undefined ? undefined : parseChoice(options.onExisting, ON_EXISTING, '--on-existing');
  const interrupt = stopOnCtrlC();
  try {
    await importFile(ctx, file!, options, { validityMs, cardsFile, onExisting, signal: interrupt.signal });
  } finally {
    interrupt.release();
  }
}

/**
 * Ctrl-C during an import cancels it: the transaction rolls back and the command says so (exit
 * 130). Once the import has committed, e-mails still go out; a second Ctrl-C kills at once.
 */
function stopOnCtrlC(): { signal: AbortSignal; release(): void } {
  const controller = new AbortController();
  const onSigint = () => controller.abort(new Cancelled(130, 'Import annulé : rien n’a été enregistré.'));
  process.once('SIGINT', onSigint);
  return { signal: controller.signal, release: () => process.off('SIGINT', onSigint) };
}

async function importFile(
  ctx: CommandContext,
  file: string,
  options: ImportOptions,
  plan: {
    validityMs: number | undefined;
    cardsFile: string | undefined;
    onExisting: OnExisting | undefined;
    signal: AbortSignal;
  },
): Promise<void> {
  const { validityMs, cardsFile, onExisting } = plan;
  const { text: csv, encoding } = await readCsvFile(ctx, file, options.encoding);
  plan.signal.throwIfAborted();
  let progressShown = false;
  const result = await importPersonsFromCsv(await openFlowDeps(ctx, { sendsMail: options.send === true }), ctx, {
    signal: plan.signal,
    csv,
    ignoreUnknownColumns: options.ignoreUnknownColumns === true,
    onExisting,
    dryRun: options.dryRun === true,
    invite: options.invite ? { validityMs } : null,
    send: options.send === true,
    cards: cardsFile ? { file: cardsFile, force: options.force === true, sheet: await readCardSheet(ctx) } : null,
    onProgress:
      ctx.io.stderr.isTTY === true
        ? (done) => {
            if (done < PROGRESS_FROM) return;
            progressShown = true;
            // The file is read as it is written: the total is known at the end, in the summary.
            ctx.io.stderr.write(`\rImport : ${done} lignes traitées`);
          }
        : undefined,
  });
  if (progressShown) ctx.io.stderr.write('\n');
  if (result.ignoredColumns.length > 0) {
    ctx.out.warn(`Colonnes ignorées (--ignore-unknown-columns) : ${result.ignoredColumns.join(', ')}.`);
  }
  if (result.status === 'invalid') reportRowErrors(ctx, result.errors, encoding);
  if (result.status === 'valid') {
    if (ctx.flags.json) {
      ctx.out.printJson({ encoding, dry_run: true, valid: result.count, ...summaryJson(result), errors: [] });
    }
    ctx.out.success(`${summaryLine(result)} : rien n'a été écrit (--dry-run).`);
    return;
  }
  const { imported, deliveries } = result;
  const carded = cardsFile !== undefined && imported.length > 0;
  if (ctx.flags.json) {
    // Written as it is made (100 000 persons are ~30 MB of JSON), the same bytes as printJson.
    writeJson(ctx.io.stdout, {
      encoding,
      imported: imported.length,
      ...summaryJson(result),
      persons: mapLazily(imported, ({ line, person, invite }) => ({
        line,
        id: person.id,
        nom: person.nom,
        prenom: person.prenom,
        email: person.email,
        role: person.role,
        invite: invite && carded && !options.showCodes ? { id: invite.id, expires_at: invite.expires_at } : invite,
      })),
      ...(carded
        ? { cards: { file: cardsFile, count: imported.length, expires_at: imported[0]!.invite!.expires_at } }
        : {}),
    });
  } else {
    ctx.out.success(`${summaryLine(result)}.`);
    if (carded) {
      await ctx.out.table(
        ['ligne', 'id', NAME_COLUMN, FIRST_NAME_COLUMN, 'invitation'],
        imported.map(({ line, person, invite }) => [line, person.id, person.nom, person.prenom, invite!.id]),
      );
    } else if (options.invite) {
      ctx.out.info("Codes d'invitation (affichés une seule fois) :");
      await ctx.out.table(
        // Codes are never cut (they are shown once); names give way on an 80-column terminal.
        ['ligne', 'id', NAME_COLUMN, FIRST_NAME_COLUMN, 'code'],
        imported.map(({ line, person, invite }) => [line, person.id, person.nom, person.prenom, invite?.code ?? null]),
      );
    }
  }
  if (carded) reportCardsWritten(ctx, options.cards!, imported.length, imported[0]!.invite!.expires_at);
  const cardOnly = imported.filter(({ person }) => !person.email).length;
  if (carded && options.send && cardOnly > 0) {
    ctx.out.info(`${cardOnly} personne(s) sans e-mail : leur carte seulement.`);
  }
  reportDeliveries(ctx, deliveries);
}

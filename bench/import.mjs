// The import bench's rows, and its reference: PostgreSQL's own COPY (psql's \copy, in one
// transaction) of what the import writes for them — the persons in E.164, an invitation each
// and their two audit entries — into a scratch database with zdl's schema. Nothing an admin
// could run instead writes the same rows faster: it is the floor of an import on this server.
import { createHash, randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { timeProcess } from './measure.mjs';

/** The CSV an admin would import: `count` persons with a phone and an address each. */
export function writeImportCsv(file, count) {
  const lines = Array.from(
    { length: count },
    (_, i) => `Nom${i};Prénom${i};06 ${String(i).padStart(8, '0')};;p${i}@banc.example.org;bénévole`,
  );
  writeFileSync(file, `\uFEFFnom;prenom;telephone1;telephone2;email;role\n${lines.join('\n')}\n`);
}

const COLUMNS = {
  'zdl.personnes': 'id, nom, prenom, telephone1, telephone2, email, role, created_at, updated_at',
  'zdl.user_invites': 'id, code_hash, code_key_id, personne_id, created_at, expires_at, created_by',
  'zdl.audit_log': 'at, actor, action, personne_id, detail',
};

/** COPY's text format, a table's lines: what zdl's import writes for `count` rows of the CSV. */
function referenceRows(count) {
  const now = new Date().toISOString();
  const expires = new Date(Date.now() + 7 * 86_400_000).toISOString();
  const persons = [];
  const invites = [];
  const audit = [];
  for (let i = 0; i < count; i++) {
    const id = i + 1;
    const phone = `+336${String(i).padStart(8, '0')}`;
    persons.push(`${id}\tNom${i}\tPrénom${i}\t${phone}\t\\N\tp${i}@banc.example.org\tbenevole\t${now}\t${now}`);
    const hash = createHash('sha256').update(randomBytes(16)).digest('hex');
    invites.push(`${id}\t\\\\x${hash}\tbench\t${id}\t${now}\t${expires}\tcli:bench`);
    audit.push(`${now}\tcli:bench\tperson.created\t${id}\t{"role": "benevole", "via": "import", "line": ${i + 2}}`);
    audit.push(
      `${now}\tcli:bench\tinvite.issued\t${id}\t{"invite_id": ${id}, "expires_at": "${expires}", "replaced": 0}`,
    );
  }
  return { 'zdl.personnes': persons, 'zdl.user_invites': invites, 'zdl.audit_log': audit };
}

/** Wall time of psql copying the same rows (ids given, as zdl draws them) in one transaction. */
export function timeCopyReference(scratch, count) {
  const rows = referenceRows(count);
  const copies = Object.entries(COLUMNS).map(([table, columns]) => {
    const file = path.join(scratch.dir, `${table}.tsv`);
    writeFileSync(file, `${rows[table].join('\n')}\n`);
    return `\\copy ${table} (${columns}) from '${file}'`;
  });
  const args = ['-X', '-q', '-1', '-v', 'ON_ERROR_STOP=1', ...copies.flatMap((copy) => ['-c', copy]), scratch.url];
  return timeProcess('psql', args).ms;
}

/**
 * The same COPY on the embedded database: PGlite in this process on the scratch's data
 * directory, each table loaded from a blob (`COPY … FROM '/dev/blob'`) in one transaction.
 */
export async function timePgliteCopyReference(scratch, count) {
  const { PGlite } = await import('@electric-sql/pglite');
  const { resolveEmbeddedPaths } = await import('../dist/db/embedded-host.js');
  const { stopIdleHost } = await import('../dist/db/idle-host-control.js');
  const paths = resolveEmbeddedPaths(scratch.env.ZDL_DATA_DIR);
  await stopIdleHost(paths); // the data directory is PGlite's alone
  const rows = referenceRows(count);
  const db = await PGlite.create(paths.pgdata);
  try {
    const start = process.hrtime.bigint();
    await db.transaction(async (tx) => {
      for (const [table, columns] of Object.entries(COLUMNS)) {
        const blob = new Blob([`${rows[table].join('\n')}\n`]);
        await tx.query(`copy ${table} (${columns}) from '/dev/blob'`, [], { blob });
      }
    });
    return Number(process.hrtime.bigint() - start) / 1e6;
  } finally {
    await db.close();
  }
}

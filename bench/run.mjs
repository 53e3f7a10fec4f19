// `npm run bench`: every figure of issue #17 from one run, printed as one table (figure, zdl,
// reference, ratio, target, ✓/✗). Embedded database always; with DATABASE_URL also a server
// (each bench on its own scratch database, dropped afterwards). Run after `npm run build`.
//   npm run bench                       all figures
//   npm run bench -- startup list       only the named groups (startup list persons embedded
//                                       activations import purge)
//   RUNS=11 IMPORT_ROWS=100000 PURGE_SERVER=1000000 PURGE_EMBEDDED=100000 ACTIVATIONS=96 CLIENTS=16
import path from 'node:path';
import { measureActivations } from './activations.mjs';
import { timeCopyReference, timePgliteCopyReference, writeImportCsv } from './import.mjs';
import { resolveEmbeddedPaths } from '../dist/db/embedded-host.js';
import { stopIdleHost } from '../dist/db/idle-host-control.js';
import { median, pair, timeProcess, zdl, zdlProbed } from './measure.mjs';
import { createScratch, seed } from './scratch.mjs';

const RUNS = Number(process.env.RUNS ?? 7);
const IMPORT_ROWS = Number(process.env.IMPORT_ROWS ?? 100_000);
const PURGE = {
  server: Number(process.env.PURGE_SERVER ?? 1_000_000),
  embedded: Number(process.env.PURGE_EMBEDDED ?? 100_000),
};
const ACTIVATIONS = Number(process.env.ACTIVATIONS ?? 96);
const serverUrl = process.env.DATABASE_URL;
const wanted = process.argv.slice(2);
const want = (group) => wanted.length === 0 || wanted.includes(group);
const kinds = serverUrl ? ['embedded', 'server'] : ['embedded'];

const rows = [];
const ms = (value) => `${value < 10_000 ? value.toFixed(0) : (value / 1000).toFixed(1)} ${value < 10_000 ? 'ms' : 's'}`;
/** ok: true ✓, false ✗, null for a row that only informs (no target). */
function report(figure, zdlText, reference, ratio, target, ok) {
  const row = { figure, zdl: zdlText, reference, ratio, target, ok: ok === null ? '' : ok ? '✓' : '✗' };
  rows.push(row);
  console.error(`  ${figure}: ${zdlText} / ${reference} ${ratio} (target ${target}) ${row.ok}`);
}

async function withScratch(kind, fn) {
  const scratch = await createScratch(kind, serverUrl);
  try {
    return await fn(scratch);
  } finally {
    await scratch.drop();
  }
}

const time = (argv, scratch) => () => zdl(argv, { env: scratch.env, cwd: scratch.dir }).ms;

// An embedded command cold (no host: it starts the idle host, PGlite boots) and warm (the idle
// host the previous command left, ZDL_EMBEDDED_IDLE, answers on its socket). The bench process
// must not host the database itself: createScratch's connection has closed by now.
function embeddedCommand(scratch, argv) {
  const paths = resolveEmbeddedPaths(scratch.env.ZDL_DATA_DIR);
  const run = time(argv, scratch);
  return {
    cold: async () => {
      await stopIdleHost(paths);
      return run();
    },
    warm: async () => run(),
  };
}

if (want('startup')) {
  const r = await pair(
    () => zdl(['--version']).ms,
    () => timeProcess(process.execPath, ['-e', '']).ms,
    RUNS * 2,
  );
  report('`zdl --version`', ms(r.a), `\`node -e ''\` ${ms(r.b)}`, `${r.ratio.toFixed(2)}×`, '≤ 1.3×', r.ratio <= 1.3);
}

const INVITES_QUERY = `select i.id, i.personne_id, p.nom, p.prenom, i.created_at, i.expires_at, i.used_at
  from zdl.user_invites i join zdl.personnes p on p.id = i.personne_id
  where i.used_at is null and i.revoked_at is null and i.expires_at > now() order by i.created_at desc, i.id desc`;

if (serverUrl && (want('list') || want('embedded'))) {
  await withScratch('server', async (server) => {
    await seed(server, 20, 'live');
    const psql = () => timeProcess('psql', ['-X', '-At', '-c', INVITES_QUERY, server.url]).ms;
    if (want('list')) {
      const json = await pair(time(['invites', 'list', '--json'], server), psql, RUNS);
      report(
        '`invites list --json`, 20 rows, server',
        ms(json.a),
        `psql ${ms(json.b)}`,
        `${json.ratio.toFixed(1)}×`,
        '≤ 3×',
        json.ratio <= 3,
      );
      const floor = await pair(
        () =>
          timeProcess(process.execPath, [path.join(import.meta.dirname, 'floor.mjs'), INVITES_QUERY], {
            env: server.env,
          }).ms,
        psql,
        RUNS,
      );
      report(
        'Node + postgres.js alone, same query (the floor)',
        ms(floor.a),
        `psql ${ms(floor.b)}`,
        `${floor.ratio.toFixed(1)}×`,
        '—',
        null,
      );
      const table = await pair(time(['invites', 'list'], server), psql, RUNS);
      report(
        '`invites list` (table), same',
        ms(table.a),
        `psql ${ms(table.b)}`,
        `${table.ratio.toFixed(1)}×`,
        '≤ 3.5×',
        table.ratio <= 3.5,
      );
    }
    if (want('embedded')) {
      await withScratch('embedded', async (embedded) => {
        await seed(embedded, 20, 'live');
        const { cold, warm } = embeddedCommand(embedded, ['invites', 'list', '--json']);
        const serverCommand = time(['invites', 'list', '--json'], server);
        for (const [label, run] of [
          ['embedded, first command, no host running (`invites list --json`)', cold],
          ['embedded, next commands, idle host running (same)', warm],
        ]) {
          const r = await pair(run, serverCommand, RUNS);
          report(
            label,
            ms(r.a),
            `server ${ms(r.b)}`,
            `${r.ratio.toFixed(1)}×`,
            '≤ 2× or ≤ 0.5 s',
            r.ratio <= 2 || r.a <= 500,
          );
        }
      });
    }
  });
} else if (want('embedded')) {
  await withScratch('embedded', async (embedded) => {
    await seed(embedded, 20, 'live');
    const { cold, warm } = embeddedCommand(embedded, ['invites', 'list', '--json']);
    for (const [label, run] of [
      ['embedded, first command, no host running (`invites list --json`)', cold],
      ['embedded, next commands, idle host running (same)', warm],
    ]) {
      const times = [];
      for (let i = 0; i < RUNS; i++) times.push(await run());
      const value = median(times);
      report(label, ms(value), '(no DATABASE_URL)', '—', '≤ 0.5 s', value <= 500);
    }
  });
}

if (want('persons')) {
  const kind = serverUrl ? 'server' : 'embedded';
  await withScratch(kind, async (scratch) => {
    await seed(scratch, 15_000, 'none');
    const r = await pair(
      time(['persons', 'list'], scratch),
      time(['persons', 'list', '--json'], scratch),
      Math.max(3, RUNS >> 1),
    );
    report(
      `\`persons list\` table, 15 000, ${kind}`,
      ms(r.a),
      `\`--json\` ${ms(r.b)}`,
      `${r.ratio.toFixed(1)}×`,
      '≤ 2×',
      r.ratio <= 2,
    );
  });
}

if (want('activations')) {
  for (const kind of kinds) {
    await withScratch(kind, async (scratch) => {
      const r = await measureActivations(scratch, ACTIVATIONS);
      const ratio = r.activateRate / r.hashRate;
      const postgres = r.postgresCpuMs === null ? '' : ` + PostgreSQL ${r.postgresCpuMs.toFixed(0)} ms`;
      report(
        `activations/s, ${kind} (loop p99 ${r.loopP99Ms.toFixed(0)} ms)`,
        `${r.activateRate.toFixed(1)}/s (CPU each: serve ${r.serveCpuMs.toFixed(0)} ms${postgres}; a hash ${r.hashCpuMs.toFixed(0)} ms)`,
        `argon2id ${r.hashRate.toFixed(1)}/s`,
        `${ratio.toFixed(2)}×`,
        '≥ 0.85×, p99 < 50 ms',
        ratio >= 0.85 && r.loopP99Ms < 50,
      );
    });
  }
}

if (want('import')) {
  for (const kind of kinds) {
    const copy = await withScratch(kind, (scratch) =>
      kind === 'server' ? timeCopyReference(scratch, IMPORT_ROWS) : timePgliteCopyReference(scratch, IMPORT_ROWS),
    );
    await withScratch(kind, async (scratch) => {
      const file = path.join(scratch.dir, 'persons.csv');
      writeImportCsv(file, IMPORT_ROWS);
      const run = zdlProbed(['persons', 'import', file, '--invite', '--json'], { env: scratch.env, cwd: scratch.dir });
      const limit = kind === 'server' ? 5_000 : 10_000;
      const imported = JSON.parse(run.stdout).imported;
      report(
        `import ${imported} rows + invitations, ${kind} (peak RSS ${run.maxRssMb.toFixed(0)} MB)`,
        ms(run.ms),
        `${kind === 'server' ? 'psql \\copy' : 'PGlite COPY'} of the same rows ${ms(copy)}`,
        `${(run.ms / copy).toFixed(2)}×`,
        `≤ ${limit / 1000} s, RSS ≤ 250 MB`,
        run.ms <= limit && run.maxRssMb <= 250 && imported === IMPORT_ROWS,
      );
    });
  }
}

if (want('purge')) {
  for (const kind of kinds) {
    await withScratch(kind, async (scratch) => {
      await seed(scratch, PURGE[kind], 'expired');
      const run = zdl(['invites', 'purge', '--json', '--yes'], { env: scratch.env, cwd: scratch.dir });
      const purged = JSON.parse(run.stdout).purged;
      const target = kind === 'server' ? '1 000 000 ≤ 5 s' : '— (server only)';
      const ok = kind === 'server' ? purged >= 1_000_000 && run.ms <= 5_000 : true;
      report(`purge ${purged} expired, ${kind}`, ms(run.ms), '—', '—', target, ok);
    });
  }
}

const header = ['figure', 'zdl', 'reference', 'ratio', 'target', ''];
console.log(`| ${header.join(' | ')} |\n|${header.map(() => '---').join('|')}|`);
for (const row of rows)
  console.log(`| ${[row.figure, row.zdl, row.reference, row.ratio, row.target, row.ok].join(' | ')} |`);

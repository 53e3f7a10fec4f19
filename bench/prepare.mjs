// Cost of prepared statements off (zdl's default) versus on, on the local PostgreSQL server:
// N transactions of zdl's typical shape (two selects and an update, via the Database wrapper).
// Usage: ZDL_BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres node bench/prepare.mjs
import { connectServer } from '../dist/db/client.js';

const url = process.env.ZDL_BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const N = Number(process.env.ZDL_BENCH_N ?? 2000);

async function run(prepare) {
  const db = connectServer(url, { prepare, max: 4 });
  await db.transaction((tx) => tx`create temp table if not exists bench_prepare (id int primary key, n int)`);
  const started = performance.now();
  await Promise.all(
    Array.from({ length: 4 }, async (_, worker) => {
      for (let i = worker; i < N; i += 4) {
        await db.transaction(async (tx) => {
          await tx`select ${i}::int as id, now() as at where ${i}::int > 0`;
          await tx`select count(*) from pg_class where relname = ${'bench_prepare'}`;
          await tx`select pg_advisory_xact_lock(${i})`;
        });
      }
    }),
  );
  const ms = performance.now() - started;
  await db.close();
  return ms;
}

const off = await run(false);
const on = await run(true);
console.log(
  `prepare off: ${(N / (off / 1000)).toFixed(0)} tx/s · prepare on: ${(N / (on / 1000)).toFixed(0)} tx/s · off/on time ratio ${(off / on).toFixed(2)}`,
);

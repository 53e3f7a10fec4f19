// The least a Node.js tool can do for `invites list --json`: start Node, load postgres.js, run
// the query, print JSON. bench/run.mjs times it beside psql, so that the list rows' ratio can be
// read against what Node itself costs (README, Performance).
import postgres from 'postgres';

const sql = postgres(process.env.DATABASE_URL, { max: 1, fetch_types: false, onnotice: () => {} });
const rows = await sql.unsafe(process.argv[2]);
process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
await sql.end();

// zdl --version and --help must not load database, mail or HTTP code: compares their start-up
// with a bare `node -e ''` and prints the ratio (target: ≤ 2×). Run after `npm run build`.
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const bin = fileURLToPath(new URL('../bin/zdl.js', import.meta.url));
const runs = Number(process.env.RUNS ?? 15);

function median(argv) {
  const times = [];
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    execFileSync(process.execPath, argv, { stdio: 'ignore' });
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}

const baseline = median(['-e', '']);
console.log(`node -e ''      ${baseline.toFixed(1)} ms`);
for (const flag of ['--version', '--help']) {
  const time = median([bin, flag]);
  console.log(`zdl ${flag.padEnd(10)} ${time.toFixed(1)} ms  ratio ${(time / baseline).toFixed(2)}×`);
}

// Preloaded into a measured zdl process (`node --import ./bench/probe.mjs bin/zdl.js …`): at exit
// it writes its peak RSS and, since SIGUSR2 (re)started them, the event-loop delay p99
// (perf_hooks.monitorEventLoopDelay) and the CPU time it used, as JSON to $ZDL_BENCH_PROBE. Bench-only; never in zdl.
import { writeFileSync } from 'node:fs';
import { monitorEventLoopDelay } from 'node:perf_hooks';

const file = process.env.ZDL_BENCH_PROBE;
if (file) {
  const histogram = monitorEventLoopDelay({ resolution: 10 });
  histogram.enable();
  let cpuStart = process.cpuUsage();
  process.on('SIGUSR2', () => {
    histogram.reset();
    cpuStart = process.cpuUsage();
  });
  process.on('exit', () => {
    const cpu = process.cpuUsage(cpuStart); // every thread of the process: argon2's pool, PGlite
    writeFileSync(
      file,
      JSON.stringify({
        maxRssMb: process.resourceUsage().maxRSS / 1024,
        loopP99Ms: histogram.percentile(99) / 1e6,
        cpuMs: (cpu.user + cpu.system) / 1000,
      }),
    );
  });
}

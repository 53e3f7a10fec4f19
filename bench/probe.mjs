// Preloaded into a measured zdl process (`node --import ./bench/probe.mjs bin/zdl.js …`): at exit
// it writes its peak RSS and, after SIGUSR2 (re)started the histogram, the event-loop delay p99
// (perf_hooks.monitorEventLoopDelay) as JSON to $ZDL_BENCH_PROBE. Bench-only; never in zdl.
import { writeFileSync } from 'node:fs';
import { monitorEventLoopDelay } from 'node:perf_hooks';

const file = process.env.ZDL_BENCH_PROBE;
if (file) {
  const histogram = monitorEventLoopDelay({ resolution: 10 });
  histogram.enable();
  process.on('SIGUSR2', () => histogram.reset());
  process.on('exit', () => {
    writeFileSync(
      file,
      JSON.stringify({ maxRssMb: process.resourceUsage().maxRSS / 1024, loopP99Ms: histogram.percentile(99) / 1e6 }),
    );
  });
}

// Timing helpers for bench/run.mjs: whole processes, medians, and ratios taken pair by pair
// (a, b, a, b…) so that the load of a shared machine hits both sides of a ratio alike.
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const bin = fileURLToPath(new URL('../bin/zdl.js', import.meta.url));
const probe = fileURLToPath(new URL('./probe.mjs', import.meta.url));

export const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
};

/** Runs a process to completion; returns its wall time and stdout. Throws on a non-zero exit. */
export function timeProcess(file, args, { env = process.env, cwd } = {}) {
  const start = process.hrtime.bigint();
  const stdout = execFileSync(file, args, { env, cwd, stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 1 << 30 });
  return { ms: Number(process.hrtime.bigint() - start) / 1e6, stdout: stdout.toString() };
}

/** A zdl command as an admin runs it. */
export const zdl = (argv, options) => timeProcess(process.execPath, [bin, ...argv], options);

/** A zdl command with the probe preloaded: wall time, stdout and peak RSS. */
export function zdlProbed(argv, { env, cwd }) {
  const file = path.join(os.tmpdir(), `zdl-probe-${process.pid}-${Date.now()}.json`);
  try {
    const run = timeProcess(process.execPath, ['--import', probe, bin, ...argv], {
      env: { ...env, ZDL_BENCH_PROBE: file },
      cwd,
    });
    return { ...run, ...JSON.parse(readFileSync(file, 'utf8')) };
  } finally {
    rmSync(file, { force: true });
  }
}

export const probePath = probe;

/**
 * Interleaves `runs` pairs of `a()` and `b()` (after one warm-up each); returns both medians
 * and the median of the per-pair ratios a/b.
 */
export async function pair(a, b, runs) {
  await a();
  await b();
  const as = [];
  const bs = [];
  const ratios = [];
  for (let i = 0; i < runs; i++) {
    const x = await a();
    const y = await b();
    as.push(x);
    bs.push(y);
    ratios.push(x / y);
  }
  return { a: median(as), b: median(bs), ratio: median(ratios) };
}

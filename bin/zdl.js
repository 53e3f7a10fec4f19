#!/usr/bin/env node
// Thin shim: the CLI lives in src/cli (compiled to dist/ by `npm install`).
// `zdl --version` alone is answered here, from package.json, without loading commander and the
// command definitions: it is what scripts and support ask first, and it should cost no more than
// starting Node (issue #17: ≤ 1.3× `node -e ''`). Every other form goes through commander.
const args = process.argv.slice(2);
if (args.length === 1 && (args[0] === '--version' || args[0] === '-V')) {
  const { readFileSync } = await import('node:fs');
  const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
  process.stdout.write(`${pkg.version}\n`);
} else {
  const { run } = await import('../dist/cli/main.js');
  await run();
}

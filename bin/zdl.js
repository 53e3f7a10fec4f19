#!/usr/bin/env node
// Thin shim: the CLI lives in src/cli (compiled to dist/ by `npm install`).
import { run } from '../dist/cli/main.js';

await run();

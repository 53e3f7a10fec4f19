import { spawn } from 'node:child_process';
import { BIN, harnessEnv } from './cli.js';

// A real pseudo-terminal: util-linux `script` runs bin/zdl.js on a pty, so stdin.isTTY is true,
// inquirer puts it in raw mode, and Ctrl-C / Ctrl-D arrive as the bytes a keyboard sends.

const quote = (arg: string) => `'${arg.replaceAll("'", `'\\''`)}'`;

export interface PtySession {
  /** Resolves once `text` has appeared on the terminal. */
  waitFor(text: string, timeoutMs?: number): Promise<void>;
  type(keys: string): void;
  exited: Promise<{ code: number | null; output: string }>;
}

export function spawnInPty(
  argv: string[],
  options: { env: Record<string, string | undefined>; cwd: string; columns?: number },
): PtySession {
  const command = `stty cols ${options.columns ?? 80} rows 40; exec ${[process.execPath, BIN, ...argv].map(quote).join(' ')}`;
  const child = spawn('script', ['-q', '-e', '-c', command, '/dev/null'], {
    cwd: options.cwd,
    env: { ...harnessEnv(), TERM: 'xterm', ...options.env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let output = '';
  const waiters: (() => void)[] = [];
  child.stdout.on('data', (chunk: Buffer) => {
    output += chunk.toString('utf8');
    for (const check of [...waiters]) check();
  });
  const exited = new Promise<{ code: number | null; output: string }>((resolve) =>
    child.on('close', (code) => resolve({ code, output })),
  );
  return {
    waitFor(text, timeoutMs = 30_000) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`not seen on the terminal: ${text}\n${output}`)), timeoutMs);
        const check = () => {
          if (!output.includes(text)) return;
          clearTimeout(timer);
          waiters.splice(waiters.indexOf(check), 1);
          resolve();
        };
        waiters.push(check);
        check();
      });
    },
    type(keys) {
      child.stdin.write(keys);
    },
    exited,
  };
}

import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { expect, test } from 'vitest';

// The guard in a real process (the compiled module, as `zdl serve` loads it): an exception thrown
// from a timer and a forgotten rejected promise are logged, and the process carries on to exit 0.
const GUARD = fileURLToPath(new URL('../../dist/http/process-guard.js', import.meta.url));

test('an uncaught exception and an unhandled rejection are logged and the process keeps running', async () => {
  const script = `
    const { installProcessGuard } = await import(${JSON.stringify(GUARD)});
    const guard = installProcessGuard((line) => process.stderr.write(line + '\\n'));
    setTimeout(() => { throw new TypeError('boom from a timer'); }, 1);
    void Promise.reject(new Error('forgotten promise'));
    setTimeout(() => { process.stdout.write('still running, caught ' + guard.caught); guard.uninstall(); }, 50);
  `;
  const result = await new Promise<{ code: number; stdout: string; stderr: string }>((resolve) =>
    execFile(process.execPath, ['--input-type=module', '-e', script], (error, stdout, stderr) =>
      resolve({ code: error ? Number(error.code) : 0, stdout, stderr }),
    ),
  );
  expect(result.code).toBe(0);
  expect(result.stdout).toBe('still running, caught 2');
  expect(result.stderr).toContain(
    'Erreur non rattrapée (uncaughtException), le serveur continue : TypeError: boom from a timer',
  );
  expect(result.stderr).toContain(
    'Erreur non rattrapée (unhandledRejection), le serveur continue : Error: forgotten promise',
  );
});

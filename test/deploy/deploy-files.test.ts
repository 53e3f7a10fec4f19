import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';

const DEPLOY = fileURLToPath(new URL('../../docs/deploy/', import.meta.url));
const read = (file: string) => readFileSync(path.join(DEPLOY, file), 'utf8');

function findSystemdAnalyze(): string | undefined {
  try {
    return execFileSync('sh', ['-c', 'command -v systemd-analyze'], { encoding: 'utf8' }).trim() || undefined;
  } catch {
    return undefined;
  }
}

describe('docs/deploy', () => {
  const unit = read('zdl.service');

  test('the unit restarts on failure, forbids new privileges and reads an EnvironmentFile', () => {
    const directives = new Map(
      unit
        .split('\n')
        .filter((line) => /^[A-Za-z]+=/.test(line))
        .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)] as const),
    );
    expect(directives.get('Restart')).toBe('on-failure');
    expect(directives.get('NoNewPrivileges')).toBe('true');
    expect(directives.get('EnvironmentFile')).toBe('/etc/zdl/zdl.env');
    expect(directives.get('ExecStart')).toContain(' serve ');
    expect(directives.get('KillSignal')).toBe('SIGTERM');
  });

  // Only this assertion depends on the machine: it needs systemd-analyze (Debian's systemd package).
  test.runIf(findSystemdAnalyze() !== undefined)('systemd-analyze verify accepts the unit without a warning', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'zdl-unit-'));
    try {
      // verify checks that ExecStart's program exists: point it at this machine's node.
      const file = path.join(dir, 'zdl.service');
      writeFileSync(file, unit.replace('ExecStart=/usr/bin/node', `ExecStart=${process.execPath}`));
      const result = spawnSync(findSystemdAnalyze()!, ['verify', file], { encoding: 'utf8' });
      expect(result.stderr).toBe('');
      expect(result.status).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('the crontab line runs the purge at night with --json', () => {
    const lines = read('crontab')
      .split('\n')
      .filter((line) => line.trim() && !line.startsWith('#'));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^15 3 \* \* \* .*invites purge --json/);
  });

  test('both proxy snippets overwrite X-Forwarded-For and the docs ask for ZDL_TRUST_PROXY=true', () => {
    expect(read('nginx.conf')).toContain('proxy_set_header X-Forwarded-For $remote_addr;');
    expect(read('Caddyfile')).toContain('header_up X-Forwarded-For {remote_host}');
    for (const file of ['nginx.conf', 'Caddyfile', 'README.md']) expect(read(file)).toContain('ZDL_TRUST_PROXY=true');
    expect(existsSync(path.join(DEPLOY, 'zdl.service'))).toBe(true);
  });
});

import { execFile } from 'node:child_process';
import { describe, expect, test } from 'vitest';
import { BIN, runCli, spawnCli } from '../support/cli.js';
import { useTestDatabase } from '../support/database.js';

// The compiled CLI as cron or a script runs it: stdin closed, stdout and stderr pipes.
const t = useTestDatabase();
const zdl = (...argv: string[]) => spawnCli(argv, { env: t.env, cwd: t.dir });

describe('bin/zdl.js without a terminal', () => {
  test('never prompts: a missing value names its flag, a destructive command wants --yes', async () => {
    const missing = await zdl('persons', 'add', '--prenom', 'Sans');
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('--nom');
    expect(missing.stdout).toBe('');
    const created = JSON.parse((await zdl('persons', 'add', '--nom', 'Cron', '--prenom', 'Job', '--json')).stdout);
    const refused = await zdl('persons', 'delete', String(created.person.id));
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('--yes');
  });

  test('no colour codes on pipes, even with FORCE_COLOR set', async () => {
    // The same message is red on a terminal, so the absence below is the pipe's doing.
    const onTerminal = await runCli(['persons', 'show', '424242'], { env: t.env, cwd: t.dir, outputTTY: true });
    expect(onTerminal.stderr).toMatch(/\u001b\[31m/);
    for (const level of ['1', '3']) {
      const result = await spawnCli(['persons', 'show', '424242'], {
        env: { ...t.env, FORCE_COLOR: level },
        cwd: t.dir,
      });
      expect(result.code).toBe(3);
      expect(result.stderr).toContain('Personne introuvable');
      expect(result.stderr).not.toMatch(/\u001b\[/);
    }
  });

  test('two purges fired by cron at the same time both exit 0', async () => {
    const created = JSON.parse(
      (await zdl('persons', 'add', '--nom', 'Purge', '--prenom', 'Cron', '--invite', '--expires', '1s', '--json'))
        .stdout,
    );
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const [a, b] = await Promise.all([zdl('invites', 'purge', '--json'), zdl('invites', 'purge', '--json')]);
    expect([a.code, b.code]).toEqual([0, 0]);
    expect(JSON.parse(a.stdout).purged + JSON.parse(b.stdout).purged).toBe(1);
    const left = await t.db.transaction(
      (tx) => tx`select count(*)::int as n from zdl.user_invites where id = ${created.invite.id}`,
    );
    expect(left[0]!.n).toBe(0);
  });

  test('a pipe closed early (| head -1) is not an error: no stack, exit 0', async () => {
    // More than a pipe buffer (64 KiB) of table, so zdl is still writing when head exits.
    await t.db.transaction(
      (tx) => tx`insert into zdl.personnes (nom, prenom) select 'Tuyau' || n, 'Head' from generate_series(1, 3000) n`,
    );
    const script = `"$0" "$1" persons list --all | head -1; echo "zdl=\${PIPESTATUS[0]}" >&2`;
    const { stdout, stderr } = await new Promise<{ stdout: string; stderr: string }>((resolve, reject) =>
      execFile(
        'bash',
        ['-c', script, process.execPath, BIN],
        { cwd: t.dir, env: { PATH: process.env.PATH, ...t.env }, timeout: 60_000 },
        (error, out, err) => (error ? reject(error) : resolve({ stdout: out, stderr: err })),
      ),
    );
    expect(stdout.split('\n')[0]).toMatch(/^id\s+nom/);
    expect(stderr).not.toMatch(/EPIPE|Error|at .*\.js/);
    expect(stderr).toContain('zdl=0');
  });
});

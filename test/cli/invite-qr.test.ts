import { mkdirSync, writeFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { runCli } from '../support/cli.js';
import { useTestDatabase } from '../support/database.js';
import { DARK_THEME, decodeQr, encodePng, LIGHT_THEME, rasterizeTerminal } from '../support/terminal-raster.js';

const t = useTestDatabase();
const PUBLIC = 'https://acces.zdl.test';
const tty = (argv: string[], env: Record<string, string> = {}) =>
  runCli(argv, { env: { ...t.env, ZDL_PUBLIC_URL: PUBLIC, ...env }, cwd: t.dir, outputTTY: true });

let n = 0;
const addArgs = () => ['persons', 'add', '--nom', `Qr${++n}`, '--prenom', 'Zoé', '--invite'];

/** The QR lines of stdout: the code and the link come first. */
function qrPart(stdout: string): string {
  return stdout.split('\n').slice(2).join('\n').trimEnd();
}

describe('the QR code under a new invitation code', () => {
  test('on a terminal, persons add --invite shows a QR that reads back as the exact link, dark or light theme', async () => {
    const added = await tty(addArgs());
    expect(added.code, added.stderr).toBe(0);
    const [code, link] = added.stdout.split('\n');
    expect(link).toBe(`${PUBLIC}/activate?code=${code}`);
    const qr = qrPart(added.stdout);
    expect(qr.split('\n').length).toBeLessThanOrEqual(20);
    for (const theme of [DARK_THEME, LIGHT_THEME]) expect(decodeQr(rasterizeTerminal(qr, theme))).toBe(link);
    mkdirSync('screenshots', { recursive: true });
    writeFileSync('screenshots/terminal-qr-dark.png', encodePng(rasterizeTerminal(qr, DARK_THEME)));
  }, 120_000); // the file's first command also opens the database: 30 s were not enough on the loaded machine

  test('invites issue shows it too; --no-qr hides it', async () => {
    const added = JSON.parse((await tty([...addArgs(), '--json'])).stdout);
    const issued = await tty(['invites', 'issue', String(added.person.id)]);
    const [, link] = issued.stdout.split('\n');
    expect(decodeQr(rasterizeTerminal(qrPart(issued.stdout), DARK_THEME))).toBe(link);
    const hidden = await tty(['invites', 'issue', String(added.person.id), '--no-qr']);
    expect(hidden.stdout.trimEnd().split('\n')).toHaveLength(2);
  });

  test('never with --json or when stdout is not a terminal, even with --qr', async () => {
    const json = await tty([...addArgs(), '--json', '--qr']);
    expect(json.stdout).not.toContain('▀');
    expect(JSON.parse(json.stdout).invite.code).toMatch(/^ZDL-/);
    const piped = await runCli([...addArgs(), '--qr'], { env: { ...t.env }, cwd: t.dir });
    expect(piped.code).toBe(0);
    expect(piped.stdout.trimEnd().split('\n')).toHaveLength(2);
  });

  test('NO_COLOR hides it (it needs colours to be black on white); --qr shows it anyway', async () => {
    const plain = await tty(addArgs(), { NO_COLOR: '1' });
    expect(plain.stdout.trimEnd().split('\n')).toHaveLength(2);
    const forced = await tty([...addArgs(), '--qr'], { NO_COLOR: '1' });
    const [, link] = forced.stdout.split('\n');
    expect(decodeQr(rasterizeTerminal(qrPart(forced.stdout), DARK_THEME))).toBe(link);
  });
});

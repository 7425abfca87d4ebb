/**
 * The executable (dist/cli.js, src/bin.ts) answers `--version`, `--help` and a bare `auditready`
 * without loading the commands (dist/main.js): its help is recorded from the real program at build
 * time (src/cli-help.ts) and must stay what commander prints for the full program, at any width.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { helpShape, renderHelp } from '../../src/cli-help.js';
import { fullProgram } from '../../src/cli.js';
import { onTerminal } from '../helpers/pty.js';
import { CLI, ROOT } from '../helpers/run.js';

const MAIN = path.join(ROOT, 'dist', 'main.js');
const env = { ...process.env, NO_COLOR: '1' };

/** The full program run in a child process from the built dist/main.js, as dist/cli.js would run it for any other command. */
const fullCli = (args: string[]) =>
  spawnSync(
    process.execPath,
    ['--input-type=module', '-e', `const m = await import(${JSON.stringify(MAIN)}); await m.runCli(${JSON.stringify(['node', 'auditready', ...args])});`],
    { encoding: 'utf8', env },
  );
const fastCli = (cli: string, args: string[]) => spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', env });

describe('the top-level help without the commands', () => {
  it('renders what commander prints for the real program, at every width', () => {
    const shape = helpShape(fullProgram());
    for (const width of [30, 60, 80, 100, 132, 250]) {
      const program = fullProgram().configureOutput({ getOutHelpWidth: () => width, getErrHelpWidth: () => width });
      expect(renderHelp(shape, width), `${width} columns`).toBe(program.helpInformation());
      expect(renderHelp(shape, width), `${width} columns, on stderr`).toBe(program.helpInformation({ error: true }));
    }
  });

  it('the built executable prints the full program’s help, byte for byte, with the same exit code', () => {
    for (const args of [['--help'], ['-h'], []]) {
      const fast = fastCli(CLI, args);
      const full = fullCli(args);
      expect(full.stdout + full.stderr, `${args}`).toMatch(/^Usage: auditready \[options\] \[command\]\n/);
      expect({ stdout: fast.stdout, stderr: fast.stderr, status: fast.status }, `${args}`).toEqual({
        stdout: full.stdout,
        stderr: full.stderr,
        status: full.status,
      });
    }
  });

  it('on a terminal, wraps to its width as commander does', async () => {
    const fast = await onTerminal(`${JSON.stringify(process.execPath)} ${JSON.stringify(CLI)} --help`, { cwd: ROOT, env });
    const full = await onTerminal(
      `${JSON.stringify(process.execPath)} --input-type=module -e ${JSON.stringify(`const m = await import(${JSON.stringify(MAIN)}); await m.runCli(['node', 'auditready', '--help']);`)}`,
      { cwd: ROOT, env },
    );
    // the pseudo-terminal is 100 columns wide: some lines are longer than the 80 of a pipe
    expect(full.output.split('\n').some((l) => l.trimEnd().length > 80)).toBe(true);
    expect(fast.output).toBe(full.output);
  }, 60_000);

  describe('without the rest of the CLI', () => {
    // the package's files with dist/main.js (every command) removed: what the executable answers alone
    const dir = mkdtempSync(path.join(tmpdir(), 'ar-fast-'));
    afterAll(() => rmSync(dir, { recursive: true, force: true }));
    cpSync(path.join(ROOT, 'package.json'), path.join(dir, 'package.json'));
    cpSync(path.join(ROOT, 'dist'), path.join(dir, 'dist'), { recursive: true, filter: (f) => f !== path.join(ROOT, 'dist', 'main.js') });
    const alone = path.join(dir, 'dist', 'cli.js');

    it('answers --version, --help and a bare auditready', () => {
      for (const args of [['--version'], ['-V'], ['--help'], ['-h'], []]) {
        const fast = fastCli(alone, args);
        const full = fastCli(CLI, args);
        expect({ stdout: fast.stdout, stderr: fast.stderr, status: fast.status }, `${args}`).toEqual({
          stdout: full.stdout,
          stderr: full.stderr,
          status: 0,
        });
      }
    });

    it('loads the commands for anything else', () => {
      const r = fastCli(alone, ['policies', 'list']);
      expect(r.status).not.toBe(0);
      expect(r.stderr).toContain('main.js');
    });
  });
});

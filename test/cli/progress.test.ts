import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { onTerminal } from '../helpers/pty.js';
import { CLI, cli, fixture, ROOT } from '../helpers/run.js';

const DEMO = fixture('demo', 'auditready.yaml');
const AS_OF = ['--as-of', '2026-11-20T12:00:00Z'];
const dir = mkdtempSync(path.join(os.tmpdir(), 'ar-progress-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const TIMESTAMPED = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z \[(config|policies|collect|evaluate|report|evidence)\] /;

describe('progress on stderr (src/log)', () => {
  it('without a terminal: timestamped lines per phase on stderr; the report alone on stdout', () => {
    const r = cli(['check', '-c', DEMO, '--format', 'json', ...AS_OF]);
    expect(r.code, r.stderr).toBe(1);
    expect(() => JSON.parse(r.stdout)).not.toThrow();
    // progress lines carry the time; the stale-facts warnings (the demo's files are dated 2026-11-20) keep their form
    const lines = r.stderr
      .trimEnd()
      .split('\n')
      .filter((l) => !l.startsWith('auditready: warning: '));
    for (const line of lines) expect(line).toMatch(TIMESTAMPED);
    const text = lines.map((l) => l.replace(TIMESTAMPED, ''));
    // the baseline profile evaluates every built-in policy (their number grows with the policies)
    const policies = (JSON.parse(readFileSync(path.join(ROOT, 'build', 'policy', 'catalog.json'), 'utf8')) as { policies: unknown[] }).policies.length;
    expect(text).toContain(`${DEMO}: 7 targets, profile baseline, ${policies} policies`);
    expect(text.some((l) => /^collected 7 targets in \d+\.\d\d s$/.test(l))).toBe(true);
    expect(text.some((l) => new RegExp(`^evaluated ${policies} policies on 7 tools in \\d+\\.\\d\\d s: \\d+ findings$`).test(l))).toBe(true);
    expect(r.stderr).not.toContain('\u001B');
  });

  it('--quiet: nothing on stderr for a run that worked (exit 1 still says it gated); errors still shown', () => {
    const out = path.join(dir, 'quiet.json');
    const r = cli(['check', '-c', DEMO, '--format', 'json', '--out', out, '--quiet']);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe('');
    const bad = cli(['--quiet', 'check', '-c', path.join(dir, 'missing.yaml')]);
    expect(bad).toMatchObject({ code: 2, stderr: `auditready: ${path.join(dir, 'missing.yaml')}: file not found\n` });
    expect(cli(['check', '-q', '--verbose', '-c', DEMO]).stderr).toMatch(/option '-q, --quiet' cannot be used with option '--verbose'/);
  });

  it('--log-format json: every stderr line is one JSON object (warnings, results and errors too)', () => {
    const out = path.join(dir, 'json.json');
    const r = cli(['check', '-c', DEMO, '--format', 'json', '--out', out, '--log-format', 'json', '--verbose', '--as-of', '2026-11-25T12:00:00Z']);
    expect(r.code).toBe(1);
    const events = r.stderr
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l) as { time: string; level: string; message: string; phase?: string; done?: number; total?: number });
    for (const e of events) expect(Number.isNaN(Date.parse(e.time))).toBe(false);
    expect(events.filter((e) => e.phase === 'collect' && e.done !== undefined).map((e) => `${e.done}/${e.total}`)).toEqual([
      '0/7',
      '1/7',
      '2/7',
      '3/7',
      '4/7',
      '5/7',
      '6/7',
      '7/7',
    ]);
    // the facts files are 5 days old as of the run: stale warnings, as JSON
    expect(events.filter((e) => e.level === 'warn').length).toBeGreaterThan(0);
    expect(events.at(-1)).toMatchObject({ level: 'notice', phase: 'report', message: expect.stringMatching(/^wrote json report to .* \(fail, \d+ gating\)$/) });
    const bad = cli(['check', '-c', path.join(dir, 'missing.yaml'), '--log-format', 'json']);
    expect(bad.code).toBe(2);
    expect(JSON.parse(bad.stderr.trimEnd().split('\n').at(-1)!)).toMatchObject({
      level: 'error',
      message: `${path.join(dir, 'missing.yaml')}: file not found`,
    });
  });

  it.each([
    [['--log-format', 'json', 'check', '--bogus'], "unknown option '--bogus'"],
    [['check', '--bogus', '--log-format=json'], "unknown option '--bogus'"],
    [['--log-format', 'json', 'diff'], "missing required argument 'old'"],
    [['--log-format', 'json', 'bogus'], "unknown command 'bogus'"],
    [['--quiet', '--log-format', 'json', 'check', '-c'], "option '-c, --config <file>' argument missing"],
  ])('--log-format json: a usage error from the command line parser is one JSON error line too, exit 2 (%j)', (args, problem) => {
    const r = cli(args);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    const lines = r.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    const event = JSON.parse(lines[0]!) as Record<string, unknown>;
    // the shape of every error record of src/log: time, level, message
    expect(Object.keys(event).sort()).toEqual(['level', 'message', 'time']);
    expect(event).toMatchObject({ level: 'error', message: `${problem} (run with --help for usage)` });
    expect(Number.isNaN(Date.parse(event.time as string))).toBe(false);
    // text stays text: two lines, the problem and the hint
    expect(cli(args.filter((a) => !a.includes('log-format') && a !== 'json'))).toMatchObject({
      code: 2,
      stderr: `auditready: ${problem}\n(run with --help for usage)\n`,
    });
  });

  it('FORCE_COLOR colours warnings even into a pipe; NO_COLOR alone leaves none', () => {
    const stale = ['check', '-c', DEMO, '--format', 'json', '--out', path.join(dir, 'c.json'), '--as-of', '2026-11-25T12:00:00Z'];
    const forced = cli(stale, { env: { FORCE_COLOR: '1' } });
    expect(forced.stderr).toContain('\u001B[33mauditready: warning: ');
    const plain = cli(stale);
    expect(plain.stderr).toContain('auditready: warning: ');
    expect(plain.stderr).not.toContain('\u001B');
  });

  it('on a terminal: a status line redrawn in place, phase results without timestamps, cleared at the end', async () => {
    const out = path.join(dir, 'tty.json');
    const { code, output } = await onTerminal(`${process.execPath} ${CLI} check -c ${DEMO} --format json --out ${out} --as-of 2026-11-20T12:00:00Z`, {
      cwd: ROOT,
      env: { ...process.env, NO_COLOR: '1', TERM: 'xterm' },
    });
    expect(code, output).toBe(1);
    // a status is drawn after clearing the line, and no progress line carries a timestamp
    expect(output).toContain('\r\u001B[2K… ');
    expect(output).toMatch(/\r\u001B\[2Kcollected 7 targets in \d+\.\d\d s\r?\n/);
    expect(output).not.toMatch(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z \[/);
    // NO_COLOR: no colour, only the line clearing
    expect(output.replaceAll('\u001B[2K', '')).not.toMatch(/\u001B\[\d+m/);
    expect(output).toMatch(/wrote json report to .*tty\.json \(fail, \d+ gating\)/);
  });
});

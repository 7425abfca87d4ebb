import { describe, expect, it } from 'vitest';
import { colorFor } from '../../src/log/color.js';
import { requestedLogFormat } from '../../src/log/process.js';
import { createSink, type SinkOptions } from '../../src/log/sink.js';
import { registerSecrets } from '../../src/util/redact.js';

const ESC = '\u001B[';

/** A sink writing into an array, with a clock the test moves. */
function sink(options: Partial<SinkOptions>) {
  const out: string[] = [];
  let t = Date.parse('2026-05-01T10:00:00.000Z');
  const log = createSink({ format: 'text', threshold: 'info', tty: false, color: false, write: (s) => out.push(s), now: () => new Date(t), ...options });
  return { log, out, text: () => out.join(''), tick: (ms: number) => (t += ms) };
}

describe('the run log (src/log)', () => {
  it('without a terminal: timestamped progress lines, statuses once a run has taken a few seconds and then at most every few, warnings and errors as auditready: lines', () => {
    const s = sink({});
    s.tick(5000);
    s.log.emit({ level: 'info', phase: 'collect', message: 'collecting 3 targets', status: true, done: 0, total: 3 });
    s.tick(100);
    s.log.emit({ level: 'info', phase: 'collect', message: 'a/1 done', status: true, done: 1, total: 3 });
    s.tick(6000);
    s.log.emit({ level: 'info', phase: 'collect', message: 'github/acme: 30/230 repositories', status: true });
    s.log.emit({ level: 'warn', message: 'vault/prod: stale' });
    s.log.emit({ level: 'notice', message: 'github/acme: rate limited, waiting 3 s' });
    s.log.emit({ level: 'error', message: 'jenkins/ci: HTTP 503 after 3 retries' });
    s.log.emit({ level: 'info', phase: 'collect', message: 'collected 3 targets in 6.10 s', ms: 6100 });
    s.log.emit({ level: 'debug', phase: 'collect', message: 'github/acme: GET /orgs/acme 200' });
    expect(s.text()).toBe(
      [
        '2026-05-01T10:00:05.000Z [collect] collect 0/3 · collecting 3 targets',
        '2026-05-01T10:00:11.100Z [collect] collect 1/3 · github/acme: 30/230 repositories',
        'auditready: warning: vault/prod: stale',
        'auditready: github/acme: rate limited, waiting 3 s',
        'auditready: jenkins/ci: HTTP 503 after 3 retries',
        '2026-05-01T10:00:11.100Z [collect] collected 3 targets in 6.10 s',
        '',
      ].join('\n'),
    );
  });

  it('--verbose prints every status and the debug lines; --quiet only errors', () => {
    const verbose = sink({ threshold: 'debug' });
    const quiet = sink({ threshold: 'error' });
    for (const s of [verbose, quiet]) {
      s.log.emit({ level: 'info', phase: 'collect', message: 'a/1 done', status: true, done: 1, total: 2 });
      s.log.emit({ level: 'info', phase: 'collect', message: 'b/2 done', status: true, done: 2, total: 2 });
      s.log.emit({ level: 'debug', phase: 'collect', message: 'GET /x 200' });
      s.log.emit({ level: 'warn', message: 'stale' });
      s.log.emit({ level: 'error', message: 'broken' });
    }
    expect(verbose.out).toHaveLength(5);
    expect(quiet.text()).toBe('auditready: broken\n');
  });

  it('JSON: one parseable object per line with time, level, message, phase, tool and counts', () => {
    const s = sink({ format: 'json', threshold: 'debug' });
    s.log.emit({ level: 'info', phase: 'collect', message: 'a/1 done', tool: 'a/1', status: true, done: 1, total: 2 });
    s.log.emit({ level: 'error', message: 'broken "input"\nsecond line' });
    const lines = s.text().trimEnd().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines.map((l) => JSON.parse(l))).toEqual([
      { time: '2026-05-01T10:00:00.000Z', level: 'info', message: 'a/1 done', phase: 'collect', tool: 'a/1', done: 1, total: 2 },
      { time: '2026-05-01T10:00:00.000Z', level: 'error', message: 'broken "input"\nsecond line' },
    ]);
  });

  it('on a terminal: one status line redrawn in place, lines that stay printed above it, cleared at the end', () => {
    const s = sink({ tty: true, color: true, columns: () => 40 });
    s.log.emit({ level: 'info', phase: 'collect', message: 'collecting 2 targets', status: true, done: 0, total: 2 });
    s.log.emit({ level: 'warn', message: 'stale' });
    s.log.emit({ level: 'info', phase: 'collect', message: 'github/acme: 30/230 repositories (4 requests, GraphQL cost 9)', status: true });
    s.log.emit({ level: 'info', phase: 'collect', message: 'collected 2 targets in 0.10 s' });
    s.log.close();
    const clear = `\r${ESC}2K`;
    const dim = (x: string) => `${ESC}2m${x}${ESC}0m`;
    expect(s.out).toEqual([
      `${clear}${dim('… collect 0/2 · collecting 2 targets')}`,
      `${clear}${ESC}33mauditready: warning: stale${ESC}0m\n`,
      dim('… collect 0/2 · collecting 2 targets'),
      // cut to the terminal's width
      `${clear}${dim(`${'… collect 0/2 · github/acme: 30/230 repositories (4 requests, GraphQL cost 9)'.slice(0, 38)}…`)}`,
      // the phase's result replaces its status line: nothing left to clear at the end
      `${clear}collected 2 targets in 0.10 s\n`,
    ]);
  });

  it('without colour (NO_COLOR): no escape sequence on a terminal but the line clearing; none at all elsewhere', () => {
    const tty = sink({ tty: true, color: false, columns: () => 0 });
    const plain = sink({});
    for (const s of [tty, plain]) {
      s.log.emit({ level: 'info', phase: 'collect', message: 'collecting', status: true });
      s.log.emit({ level: 'error', message: 'broken' });
      s.log.close();
    }
    expect(tty.text().replaceAll(`\r${ESC}2K`, '')).not.toContain('\u001B');
    // a terminal that reports no width (a pseudo-terminal) still gets the whole status
    expect(tty.text()).toContain('… collecting');
    expect(plain.text()).not.toContain('\u001B');
  });

  it('redacts every message (a token a server echoed)', () => {
    registerSecrets(['ghp_0123456789abcdefSECRET']);
    const s = sink({ format: 'json' });
    s.log.emit({ level: 'error', message: 'bad credentials ghp_0123456789abcdefSECRET' });
    expect(s.text()).not.toContain('ghp_0123456789abcdefSECRET');
  });

  it('colour: FORCE_COLOR wins (0 or false turn it off), then NO_COLOR and TERM=dumb, else a terminal', () => {
    expect(colorFor({ isTTY: false }, { FORCE_COLOR: '1' })).toBe(true);
    expect(colorFor({ isTTY: true }, { FORCE_COLOR: '0' })).toBe(false);
    expect(colorFor({ isTTY: true }, { FORCE_COLOR: '1', NO_COLOR: '1' })).toBe(true);
    expect(colorFor({ isTTY: true }, { NO_COLOR: '1' })).toBe(false);
    expect(colorFor({ isTTY: true }, { NO_COLOR: '' })).toBe(true);
    expect(colorFor({ isTTY: true }, { TERM: 'dumb' })).toBe(false);
    expect(colorFor({ isTTY: false }, {})).toBe(false);
    expect(colorFor({ isTTY: true }, {})).toBe(true);
  });
});

describe('--log-format read before the command line is parsed (usage errors are logged in it)', () => {
  it('the last occurrence wins, both spellings, up to --; anything else is no format', () => {
    expect(requestedLogFormat(['check', '--bogus'])).toBeUndefined();
    expect(requestedLogFormat(['--log-format', 'json', 'check'])).toBe('json');
    expect(requestedLogFormat(['check', '--log-format=json'])).toBe('json');
    expect(requestedLogFormat(['--log-format', 'json', 'check', '--log-format', 'text'])).toBe('text');
    expect(requestedLogFormat(['check', '--', '--log-format', 'json'])).toBeUndefined();
    expect(requestedLogFormat(['--log-format', 'yaml'])).toBeUndefined();
    expect(requestedLogFormat(['--log-format'])).toBeUndefined();
  });
});

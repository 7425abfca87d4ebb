/**
 * End to end through the built CLI (node dist/cli.js): the chrony, ntpsec and timesyncd fixtures
 * give the verdicts that matter per policy; the one rule for errors (a broken input makes that
 * daemon unknown, the others are still reported, exit 1); evidence that points at the capture's line
 * or names the command run; and no key of a key file in any output format or the evidence bundle.
 */
import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { validator } from '../../src/util/schema.js';
import { cli, fixture, withoutProgress } from '../helpers/run.js';
import { standInClient } from '../helpers/time-clients.js';
import type { Report } from '../../src/report/types.js';

const check = (config: string, extra: string[] = []) => {
  const r = cli(['check', '-c', config, '--format', 'json', ...extra]);
  // the warnings and errors, without the progress lines (src/log) a run prints on a non-terminal
  return { ...r, stderr: withoutProgress(r.stderr), report: (r.stdout ? JSON.parse(r.stdout) : { findings: [] }) as Report };
};
const verdicts = (r: Report, tool: string) =>
  Object.fromEntries(r.findings.filter((f) => f.tool === tool && f.policy_id.startsWith('AR-TIM')).map((f) => [f.policy_id, f.status]));

describe('time daemon fixtures through the CLI', () => {
  it.each([
    ['chrony', 'chrony/ntp-client-1'],
    ['ntpsec', 'ntpsec/ntp-client-2'],
    ['timesyncd', 'timesyncd/app-1'],
  ])('%s secure: synchronized to its sources, zone known, no local reference, error bound within the limit', (daemon, tool) => {
    const { code, report, stderr } = check(fixture(daemon, 'secure', 'auditready.yaml'));
    expect(validator('report')(report)).toBe(true);
    expect(stderr).toBe('');
    expect(verdicts(report, tool)).toMatchObject({ 'AR-TIM-001': 'pass', 'AR-TIM-003': 'pass', 'AR-TIM-101': 'pass', 'AR-TIM-102': 'pass' });
    // NTS on chrony and ntpsec; timesyncd has no authentication at all (a medium finding, below the default gate)
    expect(verdicts(report, tool)['AR-TIM-004']).toBe(daemon === 'timesyncd' ? 'fail' : 'pass');
    // identity, access and audit logging do not apply to a time daemon
    expect(report.findings.find((f) => f.tool === tool && f.policy_id === 'AR-IDN-003')!.status).toBe('not_applicable');
    expect(code).toBe(0);
  });

  it('chrony insecure: the Debian default never synchronized fails both clock policies; the island is its own reference', () => {
    const { code, report } = check(fixture('chrony', 'insecure', 'auditready.yaml'));
    expect(code).toBe(1);
    expect(verdicts(report, 'chrony/web-1')).toMatchObject({ 'AR-TIM-001': 'fail', 'AR-TIM-101': 'pass', 'AR-TIM-102': 'fail' });
    expect(verdicts(report, 'chrony/island')).toMatchObject({ 'AR-TIM-001': 'fail', 'AR-TIM-101': 'fail', 'AR-TIM-102': 'fail', 'AR-TIM-003': 'unknown' });
    const island = report.findings.find((f) => f.tool === 'chrony/island' && f.policy_id === 'AR-TIM-101')!;
    expect(island.message).toContain('time.local_reference is true');
    // read from the captured `chronyc -c tracking` (reference ID 7F7F0101), at its line
    expect(island.evidence.sources).toEqual([{ fact: 'time.local_reference', file: 'fixtures/chrony/insecure/island/tracking.csv', line: 1 }]);
    const bound = report.findings.find((f) => f.tool === 'chrony/web-1' && f.policy_id === 'AR-TIM-102')!;
    expect(bound.message).toContain('time.synchronized is false');
  });

  it('designated time servers: a synchronized host passes only when every source it uses is designated', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'ar-time-designated-'));
    const files = ['chrony.conf', 'conf.d/10-policy.conf', 'sources.d/designated.sources', 'tracking.csv', 'sources.csv', 'authdata.csv'];
    const withDesignated = (designated: string[]) => {
      const file = path.join(dir, `${designated.length}.yaml`);
      const target = { type: 'chrony', name: 'ntp-client-1', files: files.map((f) => fixture('chrony', 'secure', f)) };
      writeFileSync(file, `targets:\n  - ${JSON.stringify(target)}\nparameters:\n  designated_time_sources: ${JSON.stringify(designated)}\n`);
      return check(file).report.findings.find((f) => f.policy_id === 'AR-TIM-001')!;
    };
    expect(withDesignated(['time1.example.internal', 'time2.example.internal']).status).toBe('pass');
    const one = withDesignated(['time1.example.internal']);
    expect(one.status).toBe('fail');
    expect(one.message).toContain('time2.example.internal');
  });

  it('ntpsec insecure: orphan mode is the local clock as reference', () => {
    const { code, report } = check(fixture('ntpsec', 'insecure', 'auditready.yaml'));
    expect(code).toBe(1);
    expect(verdicts(report, 'ntpsec/orphan-1')).toMatchObject({ 'AR-TIM-001': 'fail', 'AR-TIM-101': 'fail', 'AR-TIM-102': 'fail' });
    expect(report.findings.find((f) => f.policy_id === 'AR-TIM-001')!.message).toContain('time.synchronized is false');
  });

  it('timesyncd insecure: not synchronized; the host zone is read', () => {
    const { code, report } = check(fixture('timesyncd', 'insecure', 'auditready.yaml'));
    expect(code).toBe(1);
    expect(verdicts(report, 'timesyncd/app-2')).toMatchObject({ 'AR-TIM-001': 'fail', 'AR-TIM-101': 'pass', 'AR-TIM-102': 'fail', 'AR-TIM-003': 'pass' });
  });

  it('SARIF points at the line of the captured output; Markdown names the command a live fact came from (an unsynchronized chronyd)', () => {
    const r = cli(['check', '-c', fixture('chrony', 'insecure', 'auditready.yaml'), '--format', 'sarif']);
    const sarif = JSON.parse(r.stdout) as {
      runs: { results: { ruleId: string; locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }[] }[] }[];
    };
    const local = sarif.runs[0]!.results.find((x) => x.ruleId === 'AR-TIM-101')!;
    expect(local.locations[0]!.physicalLocation).toMatchObject({
      artifactLocation: { uri: 'fixtures/chrony/insecure/island/tracking.csv' },
      region: { startLine: 1 },
    });

    const chronyc = standInClient('chronyc', [
      { when: '-c tracking', file: fixture('chrony', 'insecure', 'web-1', 'tracking.csv') },
      { when: '-c -N sources', file: fixture('chrony', 'insecure', 'web-1', 'sources.csv') },
      { when: '-c -N authdata', file: fixture('chrony', 'secure', 'authdata.csv') },
    ]);
    const dir = mkdtempSync(path.join(tmpdir(), 'ar-time-md-'));
    const target = { type: 'chrony', name: 'live', endpoint: 'unix:///run/chrony/chronyd.sock', options: { command: chronyc.bin } };
    writeFileSync(path.join(dir, 'auditready.yaml'), `targets:\n  - ${JSON.stringify(target)}\n`);
    cli(['check', '-c', path.join(dir, 'auditready.yaml'), '--format', 'markdown', '--out', dir]);
    expect(readFileSync(path.join(dir, 'auditready.md'), 'utf8')).toMatch(
      /read at: time\.synchronized: `\S+chronyc -h \/run\/chrony\/chronyd\.sock -c tracking` line 1 \(exit 0, output sha256 [0-9a-f]{16}…\)/,
    );
  });
});

describe('one rule for errors', () => {
  it('a broken capture makes that daemon unknown with file and line; the others are still reported; exit 1', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'ar-time-broken-'));
    writeFileSync(path.join(dir, 'tracking.txt'), 'Reference ID    : C0000201 (time1.example.internal)\nStratum         : 2\n');
    const targets = [
      { type: 'chrony', name: 'human', files: ['tracking.txt'] },
      {
        type: 'ntpsec',
        name: 'ok',
        files: ['ntp.conf', 'rv.txt', 'peers.txt', 'associations.txt', 'timedatectl-show.txt'].map((f) => fixture('ntpsec', 'secure', f)),
      },
    ];
    writeFileSync(path.join(dir, 'auditready.yaml'), `targets:\n${targets.map((t) => `  - ${JSON.stringify(t)}`).join('\n')}\n`);
    const { code, report, stderr } = check(path.join(dir, 'auditready.yaml'), ['--no-fail-on-unknown']);
    expect(code).toBe(1);
    const display = path.relative(process.cwd(), path.join(dir, 'tracking.txt'));
    expect(stderr).toBe(
      `auditready: chrony/human: ${display}:1:1: unrecognized content (the human output of \`chronyc tracking\`; capture it with \`chronyc -c tracking\`); ` +
        'expected chrony.conf or its .conf/.sources files, or the captured output of `chronyc -c tracking`, `chronyc -c -N sources`, `chronyc -c -N authdata` or `timedatectl show`\n',
    );
    expect(validator('report')(report)).toBe(true);
    expect(report.collection_errors).toEqual([{ tool: 'chrony/human', message: expect.any(String), file: display, line: 1, column: 1 }]);
    expect(verdicts(report, 'ntpsec/ok')).toMatchObject({ 'AR-TIM-001': 'pass', 'AR-TIM-101': 'pass' });
    // every verdict on the unreadable daemon is unknown, AR-TIM-002 too (it reads only when the
    // snapshot was taken, which proves nothing about a capture that could not be read)
    expect(Object.values(verdicts(report, 'chrony/human')).every((s) => s === 'unknown')).toBe(true);
    const fresh = report.findings.find((f) => f.tool === 'chrony/human' && f.policy_id === 'AR-TIM-002')!;
    expect(fresh.status).toBe('unknown');
    expect(fresh.message).toContain(`chrony/human could not be collected: ${display}:1:1: unrecognized content`);
    expect(report.findings.filter((f) => f.tool === 'chrony/human' && f.status !== 'unknown')).toEqual([]);
  });

  it('a client that fails is a collection error naming the command and its exit status', () => {
    const down = standInClient('chronyc', [{ when: 'tracking', stderr: '506 Cannot talk to daemon', exit: 1 }]);
    const dir = mkdtempSync(path.join(tmpdir(), 'ar-time-down-'));
    const target = { type: 'chrony', name: 'down', endpoint: 'udp://127.0.0.1:323', options: { command: down.bin } };
    writeFileSync(path.join(dir, 'auditready.yaml'), `targets:\n  - ${JSON.stringify(target)}\n`);
    const { code, report, stderr } = check(path.join(dir, 'auditready.yaml'));
    expect(code).toBe(1);
    expect(stderr).toMatch(
      /^auditready: chrony\/down: `\S+chronyc -h 127\.0\.0\.1 -p 323 -c tracking`: exited with status 1: 506 Cannot talk to daemon; expected /,
    );
    expect(report.collection_errors).toEqual([
      { tool: 'chrony/down', message: expect.any(String), command: `${down.bin} -h 127.0.0.1 -p 323 -c tracking`, exit_status: 1 },
    ]);
    expect(validator('report')(report)).toBe(true);
  });
});

describe('keys in a key file never leave the process', () => {
  it('no key appears in any output format, the evidence bundle, stdout or stderr', () => {
    const key = readFileSync(fixture('chrony', 'secure', 'chrony.keys'), 'utf8')
      .split('\n')
      .find((l) => /^\d/.test(l))!
      .split(/\s+/)
      .at(-1)!;
    const out = mkdtempSync(path.join(tmpdir(), 'ar-time-secrets-'));
    const c = fixture('chrony', 'secure', 'auditready.yaml');
    const r = cli([
      'check',
      '-c',
      c,
      '--format',
      'table,json,sarif,junit,markdown,oscal,html',
      '--out',
      path.join(out, 'reports'),
      '--evidence',
      path.join(out, 'evidence'),
    ]);
    expect(r.code).toBe(0);
    const texts = [r.stdout, r.stderr, cli(['collect', '-c', c]).stdout];
    const walk = (d: string): string[] => readdirSync(d).flatMap((f) => (statSync(path.join(d, f)).isDirectory() ? walk(path.join(d, f)) : [path.join(d, f)]));
    const files = walk(out);
    expect(files.some((f) => f.endsWith(`${path.sep}raw${path.sep}chrony.keys`))).toBe(true);
    for (const f of files) texts.push(readFileSync(f, 'utf8'));
    const all = texts.join('\n');
    expect(all.includes(key.slice(4)), 'the key leaked').toBe(false);
    expect(all).toContain('7 SHA256 [REDACTED]');
  });
});

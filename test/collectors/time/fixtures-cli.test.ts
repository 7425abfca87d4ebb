/**
 * End to end through the built CLI: the secure and insecure chrony, ntpsec and timesyncd
 * fixtures (configuration files plus captured status outputs) give the verdicts that matter,
 * and files mode reports bad input clearly.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, fixture } from '../../helpers/run.js';
import { validator } from '../../../src/util/schema.js';

interface Finding {
  policy_id: string;
  tool: string;
  status: string;
  message: string;
}

function check(config: string): { code: number; findings: Finding[]; stderr: string } {
  const r = cli(['check', '-c', config, '--format', 'json']);
  const report = r.stdout ? (JSON.parse(r.stdout) as { findings: Finding[] }) : { findings: [] };
  return { code: r.code, findings: report.findings, stderr: r.stderr };
}

const verdicts = (findings: Finding[], tool: string) =>
  Object.fromEntries(findings.filter((f) => f.tool === tool && f.policy_id.startsWith('AR-TIM')).map((f) => [f.policy_id, f.status]));

describe('time-sync fixtures through the CLI', () => {
  it.each([
    ['chrony', 'chrony/ntp-client-1'],
    ['ntpsec', 'ntpsec/ntp-client-2'],
    ['timesyncd', 'timesyncd/app-1'],
  ])('%s secure: synchronized to designated sources, no local reference, error bound within the limit', (daemon, tool) => {
    const r = check(fixture(daemon, 'secure', 'auditready.yaml'));
    expect(r.code, r.stderr).toBe(0);
    expect(verdicts(r.findings, tool)).toMatchObject({ 'AR-TIM-001': 'pass', 'AR-TIM-003': 'pass', 'AR-TIM-101': 'pass', 'AR-TIM-102': 'pass' });
  });

  it('chrony insecure: the Debian default never synchronized fails; the island is its own reference', () => {
    const r = check(fixture('chrony', 'insecure', 'auditready.yaml'));
    expect(r.code).toBe(1);
    expect(verdicts(r.findings, 'chrony/web-1')).toMatchObject({ 'AR-TIM-001': 'fail', 'AR-TIM-101': 'pass', 'AR-TIM-102': 'fail' });
    expect(verdicts(r.findings, 'chrony/island')).toMatchObject({ 'AR-TIM-001': 'fail', 'AR-TIM-101': 'fail', 'AR-TIM-003': 'unknown' });
    const island = r.findings.find((f) => f.tool === 'chrony/island' && f.policy_id === 'AR-TIM-101')!;
    expect(island.message).toContain('time.local_reference is true');
  });

  it('ntpsec insecure: orphan mode is the local clock as reference, one pool is too few sources', () => {
    const r = check(fixture('ntpsec', 'insecure', 'auditready.yaml'));
    expect(r.code).toBe(1);
    expect(verdicts(r.findings, 'ntpsec/orphan-1')).toMatchObject({ 'AR-TIM-001': 'fail', 'AR-TIM-101': 'fail' });
    const f = r.findings.find((x) => x.policy_id === 'AR-TIM-001')!;
    expect(f.message).toContain('time.sources is ["0.debian.pool.ntp.org"]');
  });

  it('timesyncd insecure: not synchronized; the error bound is unknown without timesync-status', () => {
    const r = check(fixture('timesyncd', 'insecure', 'auditready.yaml'));
    expect(r.code).toBe(1);
    expect(verdicts(r.findings, 'timesyncd/app-2')).toMatchObject({ 'AR-TIM-001': 'fail', 'AR-TIM-102': 'unknown' });
  });

  it('the normalized snapshots of every fixture follow the model schema, with evidence per fact', () => {
    const v = validator('model');
    for (const daemon of ['chrony', 'ntpsec', 'timesyncd']) {
      for (const c of ['secure', 'insecure']) {
        const r = cli(['collect', '-c', fixture(daemon, c, 'auditready.yaml')]);
        expect(r.code, r.stderr).toBe(0);
        const model = JSON.parse(r.stdout);
        expect(v(model), JSON.stringify(v.errors)).toBe(true);
        for (const tool of model.tools) {
          expect(tool.source.collector).toBe('time');
          expect(tool.source.sha256).toMatch(/^[a-f0-9]{64}$/);
          // Every known time fact except the daemon's name says where it was read (file:line, command or default).
          for (const [fact, value] of Object.entries(tool.time)) {
            if (value === null || fact === 'sync_daemon') continue;
            expect(tool.source.details.provenance[`time.${fact}`], `${tool.id} time.${fact}`).toEqual(expect.arrayContaining([expect.any(String)]));
          }
        }
      }
    }
  });

  it('a configuration file alone never proves the clock is synchronized', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'auditready-time-'));
    writeFileSync(path.join(dir, 'chrony.conf'), 'server time1.example.internal iburst nts\nserver time2.example.internal iburst nts\n');
    writeFileSync(path.join(dir, 'auditready.yaml'), 'version: 1\ntargets:\n  - {type: chrony, name: files-only, files: [chrony.conf]}\n');
    const r = cli(['collect', '-c', path.join(dir, 'auditready.yaml')]);
    const tool = JSON.parse(r.stdout).tools[0];
    expect(tool.time).toMatchObject({
      synchronized: null,
      offset_ms: null,
      sources: ['time1.example.internal', 'time2.example.internal'],
      authenticated: true,
    });
    expect(tool.gaps.find((g: { fact: string }) => g.fact === 'time.synchronized')).toMatchObject({
      reason: 'not_collected',
      detail: expect.stringContaining('a configuration file alone never proves'),
    });
    const c = check(path.join(dir, 'auditready.yaml'));
    expect(verdicts(c.findings, 'chrony/files-only')['AR-TIM-001']).toBe('unknown');
  });

  it('a sourcedir whose files were not given leaves sources and authentication unknown (not a pass)', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'auditready-time-'));
    writeFileSync(path.join(dir, 'chrony.conf'), 'server time1.example.internal nts\nsourcedir /etc/chrony/sources.d\n');
    writeFileSync(path.join(dir, 'auditready.yaml'), 'version: 1\ntargets:\n  - {type: chrony, name: partial, files: [chrony.conf]}\n');
    const tool = JSON.parse(cli(['collect', '-c', path.join(dir, 'auditready.yaml')]).stdout).tools[0];
    expect(tool.time.authenticated).toBeNull();
    expect(tool.gaps.find((g: { fact: string }) => g.fact === 'time.authenticated').detail).toContain('chrony.conf:2 reads sourcedir /etc/chrony/sources.d');
  });

  it.each([
    ['a human chronyc output', 'Reference ID    : C0000201 (time1)\nStratum         : 2\n', 'capture it with `chronyc -c tracking`'],
    ['an ntpq output in a chrony target', 'associd=0 status=0615 leap_none\nleap=00, stratum=3\n', 'which a chrony target does not read'],
    ['an unrelated file', 'hello\n', 'expected chrony.conf'],
  ])('stops at the config line for %s', (_what, text, message) => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'auditready-time-'));
    writeFileSync(path.join(dir, 'capture.txt'), text);
    writeFileSync(path.join(dir, 'auditready.yaml'), 'version: 1\ntargets:\n  - type: chrony\n    name: bad\n    files:\n      - capture.txt\n');
    const r = cli(['check', '-c', path.join(dir, 'auditready.yaml')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('auditready.yaml:6:');
    expect(r.stderr).toContain(message);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('a malformed capture makes the tool unknown with file and line, while the config stays readable', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'auditready-time-'));
    writeFileSync(path.join(dir, 'chrony.conf'), 'server time1.example.internal iburst\n');
    writeFileSync(path.join(dir, 'tracking.csv'), '7F000001,time1,2,1796167327.1,abc,0,0,0,0,0,0.001,0.001,0.1,Normal\n');
    writeFileSync(path.join(dir, 'auditready.yaml'), 'version: 1\ntargets:\n  - {type: chrony, name: broken, files: [chrony.conf, tracking.csv]}\n');
    const tool = JSON.parse(cli(['collect', '-c', path.join(dir, 'auditready.yaml')]).stdout).tools[0];
    expect(tool.gaps.find((g: { fact: string }) => g.fact === 'time.synchronized')).toMatchObject({
      reason: 'error',
      detail: expect.stringMatching(/tracking\.csv:1: field 5 \(system time offset\) is not a number: "abc"/),
    });
    expect(tool.time.sources).toEqual(['time1.example.internal']);
  });
});

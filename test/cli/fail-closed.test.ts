/**
 * End to end through the built CLI: a tool whose input could not be read has no verdict better
 * than unknown (src/report/fail-closed.ts), in every output format, in `controls`, and when an
 * evidence bundle is re-evaluated offline (`evaluate`). Vault's broken HCL is the unreadable
 * input; AR-TIM-002 reads only the snapshot's own collection time, so it is the policy that used
 * to pass on it.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Finding, Report } from '../../src/report/types.js';
import { cli, fixture } from '../helpers/run.js';

const TOOL = 'vault/prod';
const FORMATS = ['json', 'sarif', 'junit', 'markdown', 'html', 'oscal', 'csv', 'table'];
const FRAMEWORKS = ['soc2', 'iso27001', 'pci-dss', 'nist-800-53', 'hipaa', 'cis-sscs'];

describe('fail closed: no verdict better than unknown on a tool that could not be read', () => {
  let dir: string;
  let report: Report;
  const out = (file: string) => readFileSync(path.join(dir, 'out', file), 'utf8');

  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'ar-fail-closed-'));
    const files = [fixture('vault', 'broken', 'vault.hcl'), fixture('vault', 'secure', 'export', '*.json')];
    writeFileSync(path.join(dir, 'auditready.yaml'), `targets:\n  - ${JSON.stringify({ type: 'vault', name: 'prod', files })}\n`);
    const r = cli(['check', '-c', 'auditready.yaml', '-f', FORMATS.join(','), '--show', 'all', '-o', 'out', '--evidence', 'ev'], { cwd: dir });
    expect(r.code, r.stderr).toBe(1);
    report = JSON.parse(out('auditready.json')) as Report;
  });

  const freshness = (findings: readonly Finding[]) => findings.find((f) => f.tool === TOOL && f.policy_id === 'AR-TIM-002')!;

  it('the report: every finding on the tool is unknown, fail or error; AR-TIM-002 says why', () => {
    expect(report.collection_errors?.map((e) => e.tool)).toEqual([TOOL]);
    const better = report.findings.filter((f) => f.tool === TOOL && !['unknown', 'fail', 'error'].includes(f.status));
    expect(better.map((f) => `${f.policy_id} ${f.status}`)).toEqual([]);
    const fresh = freshness(report.findings);
    expect(fresh.status).toBe('unknown');
    expect(fresh.message).toContain(`${TOOL} could not be collected: ${report.collection_errors![0]!.message}`);
    expect(report.summary.by_status.pass).toBe(0);
  });

  it('every reporter shows it as not passed', () => {
    expect(out('auditready.xml')).toMatch(/<testcase classname="vault\/prod" name="AR-TIM-002 Evidence is fresh" time="0"><failure message="UNKNOWN: /);
    const sarif = JSON.parse(out('auditready.sarif')) as { runs: { results: { ruleId: string; kind: string }[] }[] };
    expect(sarif.runs[0]!.results.filter((r) => r.ruleId === 'AR-TIM-002').map((r) => r.kind)).toEqual(['fail']);
    expect(out('auditready.csv')).toMatch(/^AR-TIM-002,Evidence is fresh,time,vault\/prod,vault,,unknown,/m);
    expect(out('auditready.txt')).toMatch(/UNKNOWN medium +AR-TIM-002 vault\/prod/);
    expect(out('auditready.txt')).not.toMatch(/\bPASS\b/);
    expect(out('auditready.md')).toMatch(/\| ❓ UNKNOWN \| medium \| AR-TIM-002 \| vault\/prod \|/);
    expect(out('auditready.md')).not.toMatch(/SATISFIED/);
    expect(out('auditready.html')).not.toMatch(/SATISFIED/);
    expect(out('auditready.oscal.json')).not.toContain('"satisfied"');
  });

  it('controls: no control is satisfied by the unreadable tool, in any framework', () => {
    for (const framework of FRAMEWORKS) {
      const r = cli(['controls', '--report', 'ev', '--framework', framework, '-f', 'json'], { cwd: dir });
      expect(r.code, r.stderr).toBe(0);
      const rows = (JSON.parse(r.stdout) as { rows: { id: string; state: string }[] }).rows;
      // the tool's only verdicts are unknown: each control in its scope is unknown, none satisfied or not applicable
      const judged = rows.filter((c) => c.state !== 'not-covered' && c.state !== 'no-evidence');
      expect(
        judged.filter((c) => c.state !== 'unknown').map((c) => `${c.id} ${c.state}`),
        framework,
      ).toEqual([]);
      if (framework !== 'cis-sscs') expect(judged.length, framework).toBeGreaterThan(0); // CIS SSCS scopes no secrets manager
    }
  });

  it('a waiver is not applied on the unreadable tool: every view shows the finding unknown (not waived), and a warning says why', () => {
    const wdir = mkdtempSync(path.join(tmpdir(), 'ar-fail-closed-waiver-'));
    const files = [fixture('vault', 'broken', 'vault.hcl'), fixture('vault', 'secure', 'export', '*.json')];
    const waiver = {
      id: 'EXC-1',
      policy: 'AR-TIM-002',
      tool: TOOL,
      justification: 'accepted while the vault is rebuilt',
      approver: 'CISO',
      approved_on: '2026-01-01',
      expires_on: '2099-12-31',
    };
    writeFileSync(
      path.join(wdir, 'auditready.yaml'),
      `targets:\n  - ${JSON.stringify({ type: 'vault', name: 'prod', files })}\nwaivers:\n  - ${JSON.stringify(waiver)}\n`,
    );
    const r = cli(['check', '-c', 'auditready.yaml', '-f', 'json,junit,table', '--show', 'all', '-o', 'out'], { cwd: wdir });
    expect(r.code, r.stderr).toBe(1);
    const waived = JSON.parse(readFileSync(path.join(wdir, 'out', 'auditready.json'), 'utf8')) as Report;
    const fresh = freshness(waived.findings);
    // as without the waiver: unknown, gating as the gate says for an unknown finding of its severity
    expect(fresh.status).toBe('unknown');
    expect(fresh.gating).toBe(freshness(report.findings).gating);
    expect(fresh.waiver).toBeUndefined();
    expect(waived.summary.by_status.waived ?? 0).toBe(0);
    expect(waived.warnings?.map((w) => w.kind)).toContain('waiver_tool_not_collected');
    expect(waived.warnings?.find((w) => w.kind === 'waiver_tool_not_collected')?.message).toMatch(
      /^waiver EXC-1 for AR-TIM-002 on vault\/prod is not applied: vault\/prod could not be collected \(/,
    );
    expect(readFileSync(path.join(wdir, 'out', 'auditready.xml'), 'utf8')).toMatch(/name="AR-TIM-002 Evidence is fresh" time="0"><failure message="UNKNOWN: /);
    expect(readFileSync(path.join(wdir, 'out', 'auditready.txt'), 'utf8')).not.toMatch(/WAIVED/);
  });

  it('evaluate re-derives the same verdicts from the bundle, offline', () => {
    const r = cli(['evaluate', '--evidence', 'ev', '-o', 'again.json'], { cwd: dir });
    expect(r.code, r.stdout + r.stderr).toBe(0);
    const again = JSON.parse(readFileSync(path.join(dir, 'again.json'), 'utf8')) as Finding[];
    expect(again.filter((f) => f.status === 'pass')).toEqual([]);
    expect(freshness(again)).toEqual(freshness(report.findings));
  });
});

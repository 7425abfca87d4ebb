// Declared facts are not collected facts (issue 10): a not-applicable gap in a facts file needs a
// justification and an approver; reports and OSCAL say how each snapshot was obtained; waivers and
// declared gaps are checked against the config's approvers; a distant as_of heads every format.
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCheck } from '../../../src/pipeline/run-check.js';
import { approvalWarnings } from '../../../src/report/approvals.js';
import { asOfWarning } from '../../../src/report/as-of.js';
import type { Report } from '../../../src/report/types.js';
import { reporters } from '../../../src/reporters/index.js';
import { fixture } from '../../helpers/run.js';

const NOW = new Date('2026-11-20T12:00:00Z');

/** The compliant case (Vault and its Splunk) in a temp folder, with the config and Vault's facts edited. */
function estate(editConfig: (text: string) => string, editVault: (text: string) => string = (t) => t): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'ar-declared-'));
  mkdirSync(path.join(dir, 'facts'));
  const src = fixture('cases', 'compliant');
  writeFileSync(path.join(dir, 'auditready.yaml'), editConfig(readFileSync(path.join(src, 'auditready.yaml'), 'utf8')));
  copyFileSync(path.join(src, 'facts', 'splunk.yaml'), path.join(dir, 'facts', 'splunk.yaml'));
  writeFileSync(path.join(dir, 'facts', 'vault.yaml'), editVault(readFileSync(path.join(src, 'facts', 'vault.yaml'), 'utf8')));
  return path.join(dir, 'auditready.yaml');
}

/** Vault's MFA declared not applicable, with the given extra gap fields. */
const mfaDeclaredNa = (extra: string) => (t: string) =>
  t
    .replace(/^ {2}mfa_required: true$/m, '  mfa_required: null')
    .replace(/^gaps:$/m, `gaps:\n  - { fact: identity.mfa_required, reason: not_applicable, detail: break-glass only${extra} }`);

const mfa = (r: Report) => r.findings.find((f) => f.policy_id === 'AR-IDN-002' && f.tool === 'vault/prod')!;

describe('a not_applicable gap in a facts file', () => {
  it('without justification and approver is unknown and gates, naming what is missing', async () => {
    const report = await runCheck({ configPath: estate((t) => t, mfaDeclaredNa('')), now: () => NOW });
    const f = mfa(report);
    expect(f.status).toBe('unknown');
    expect(f.gating).toBe(true);
    expect(f.gaps[0]).toMatchObject({ reason: 'not_collected' });
    expect(f.gaps[0]!.detail).toMatch(
      /^declared not applicable in the facts file without a justification and an approver, so it counts as unknown: break-glass only$/,
    );
  });

  it('with an approver but no justification is still unknown', async () => {
    const report = await runCheck({ configPath: estate((t) => t, mfaDeclaredNa(', approver: Dana')), now: () => NOW });
    expect(mfa(report).status).toBe('unknown');
    expect(mfa(report).gaps[0]!.detail).toMatch(/without a justification,/);
  });

  it('with both is not applicable, and the gap keeps who approved it', async () => {
    const config = estate(
      (t) => `${t}approvers: [Dana, Kim Lee (security lead)]\n`,
      mfaDeclaredNa(', justification: "Vault is reached only through the bastion, which enforces MFA", approver: Dana'),
    );
    const report = await runCheck({ configPath: config, now: () => NOW });
    expect(mfa(report).status).toBe('not_applicable');
    expect(mfa(report).gaps[0]).toMatchObject({ reason: 'not_applicable', approver: 'Dana' });
    expect((report.warnings ?? []).filter((w) => w.kind === 'gap_approver_unlisted')).toEqual([]);
  });

  it('with an approver the config does not list is a warning', async () => {
    const config = estate((t) => `${t}approvers: [Someone Else]\n`, mfaDeclaredNa(', justification: bastion enforces MFA, approver: Dana'));
    const report = await runCheck({ configPath: config, now: () => NOW });
    expect(report.warnings?.find((w) => w.kind === 'gap_approver_unlisted')?.message).toBe(
      'vault/prod: 1 fact(s) declared not applicable (identity.mfa_required): approver "Dana" is not listed under approvers in the config',
    );
  });
});

describe('how each snapshot was obtained', () => {
  it('the summary counts findings on declared evidence apart, and the reports say declared', async () => {
    const report = await runCheck({ configPath: estate((t) => t), now: () => NOW });
    expect(report.summary.declared).toEqual({ total: report.summary.total, by_status: report.summary.by_status });
    expect(reporters.table.render(report, { color: false })).toMatch(/of them on evidence declared in facts files \(not collected from the tools\)/);
    expect(reporters.markdown.render(report, { color: false })).toMatch(/rest on evidence \*\*declared\*\* in facts files/);
    expect(reporters.html.render(report, { color: false })).toMatch(/<tr data-provenance="declared">/);
    expect(reporters.junit.render(report, { color: false })).toContain('evidence (declared by the organization in a facts file)');
  });

  it('OSCAL: declared observations are EXAMINEd with the organization as origin; collected ones TESTed by auditready', async () => {
    const report = await runCheck({ configPath: estate((t) => t), now: () => NOW });
    const collected = structuredClone(report);
    for (const f of collected.findings) f.evidence = { ...f.evidence, collector: 'github', method: 'api' };
    const obs = (r: Report) => JSON.parse(reporters.oscal.render(r, { color: false }))['assessment-results'];
    const declared = obs(report);
    const party = declared.metadata.parties.find((p: { type: string }) => p.type === 'organization');
    for (const o of declared.results[0].observations) {
      expect(o.methods).toEqual(['EXAMINE']);
      expect(o.origins[0].actors[0]).toMatchObject({ type: 'party', 'actor-uuid': party.uuid });
    }
    const native = obs(collected);
    for (const o of native.results[0].observations) {
      expect(o.methods).toEqual(['TEST']);
      expect(o.origins[0].actors[0].type).toBe('tool');
    }
  });
});

describe('waivers: maximum length and listed approvers', () => {
  const waiver = {
    id: 'EXC-1',
    policy: 'AR-RET-001',
    tool: 'vault/prod',
    justification: 'j',
    approver: 'Dana',
    approved_on: '2026-01-01',
    expires_on: '2027-06-30',
    pointer: '/waivers/0',
  };

  it('warns on an expiry beyond waiver_max_days (default 365) and on an approver the config does not list', () => {
    const w = approvalWarnings([waiver], [], { approvers: ['Sam'], maxDays: 365 });
    expect(w.map((x) => x.kind)).toEqual(['waiver_too_long', 'waiver_approver_unlisted']);
    expect(w[0]!.message).toBe(
      'waiver EXC-1 for AR-RET-001 on vault/prod runs 545 days (2026-01-01 to 2027-06-30), longer than waiver_max_days (365); review it sooner',
    );
    expect(approvalWarnings([waiver], [], { approvers: ['Dana'], maxDays: 600 })).toEqual([]);
    expect(approvalWarnings([waiver], [], { maxDays: 600 })[0]!.message).toMatch(/the config lists no approvers/);
  });

  it('the config sets both; the default maximum is a year', async () => {
    const config = estate(
      (t) =>
        `${t}approvers: [Dana]\nwaivers:\n  - { policy: AR-RET-001, tool: vault/prod, justification: retention raised in Q3, approver: Eve, approved_on: "2026-01-01", expires_on: "2027-06-30" }\n`,
    );
    const report = await runCheck({ configPath: config, now: () => NOW });
    expect((report.warnings ?? []).map((w) => w.kind)).toEqual(expect.arrayContaining(['waiver_too_long', 'waiver_approver_unlisted']));
  });
});

describe('a fixed as_of far from the run', () => {
  it('is a warning only beyond max_evidence_age_hours', () => {
    expect(asOfWarning('2026-11-20T12:00:00Z', '2026-11-21T11:00:00Z', 24)).toBeNull();
    expect(asOfWarning('2026-11-20T12:00:00Z', '2026-12-01T23:00:00Z', 24)?.message).toBe(
      'as_of 2026-11-20T12:00:00Z is fixed 11 days before the run (started 2026-12-01T23:00:00Z): waivers and dates are judged as of then, not when the evidence was checked',
    );
  });

  it('heads every report format', async () => {
    const report = await runCheck({ configPath: estate((t) => t), now: () => new Date('2026-12-05T12:00:00Z') });
    const w = report.warnings!.find((x) => x.kind === 'as_of_distant')!;
    expect(w.message).toMatch(/^as_of 2026-11-20T12:00:00Z is fixed 15 days before the run/);
    const first = (text: string, n = 6) => text.split('\n').slice(0, n).join('\n');
    expect(first(reporters.table.render(report, { color: false }), 2)).toContain(`WARNING: ${w.message}`);
    expect(first(reporters.markdown.render(report, { color: false }), 4)).toContain(w.message);
    expect(reporters.html.render(report, { color: false })).toMatch(
      /<div class="banner" id="as-of-warning" role="alert">⚠ as_of 2026-11-20T12:00:00Z is fixed 15 days/,
    );
    expect(reporters.junit.render(report, { color: false })).toContain('<property name="warning.as_of_distant" value="as_of 2026-11-20T12:00:00Z');
    const sarif = JSON.parse(reporters.sarif.render(report, { color: false }));
    expect(JSON.stringify(sarif.runs[0].invocations)).toContain(w.message);
    const oscal = JSON.parse(reporters.oscal.render(report, { color: false }))['assessment-results'].results[0];
    expect(oscal.props.find((p: { name: string }) => p.name === 'as-of-warning').value).toBe(w.message);
    expect(JSON.parse(reporters.json.render(report, { color: false })).warnings[0]).toEqual(w);
  });
});

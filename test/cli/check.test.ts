import { mkdtempSync, readFileSync, writeFileSync, mkdirSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { cli, fixture, ROOT, withoutProgress } from '../helpers/run.js';
import type { Report } from '../../src/report/types.js';

const addFormats = addFormatsModule as unknown as (a: Ajv2020) => Ajv2020;
const DEMO = fixture('demo', 'auditready.yaml');

function reportValidator() {
  const ajv = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true });
  addFormats(ajv);
  for (const s of ['model', 'report']) {
    ajv.addSchema(JSON.parse(readFileSync(path.join(ROOT, 'schemas', `${s}.schema.json`), 'utf8')));
  }
  return ajv.getSchema('https://auditready.dev/schemas/report.schema.json')!;
}

describe('auditready check on the demo', () => {
  it('prints a table with pass, fail and unknown findings and exits 1', () => {
    const r = cli(['check', '-c', DEMO]);
    // only the warnings that the demo's facts files were observed long before today
    for (const line of withoutProgress(r.stderr).split('\n').filter(Boolean))
      expect(line).toMatch(/^auditready: warning: [a-z]+\/[a-z-]+: facts file fixtures\/demo\/facts\/.* before the run/);
    expect(r.code).toBe(1);
    // what needs attention is listed; passes are counted in each pillar's summary line
    for (const label of ['FAIL', 'UNKNOWN', 'WAIVED']) expect(r.stdout).toMatch(new RegExp(`^  ${label}\\s`, 'm'));
    for (const label of ['PASS', 'N/A']) expect(r.stdout).not.toMatch(new RegExp(`^  ${label}\\s`, 'm'));
    expect(r.stdout).toMatch(/^Identity verification: \d+ findings, \d+ fail, .*\d+ pass/m);
    const all = cli(['check', '-c', DEMO, '--show', 'all']);
    for (const label of ['PASS', 'FAIL', 'UNKNOWN', 'N/A']) expect(all.stdout).toMatch(new RegExp(`^  ${label}\\s`, 'm'));
    expect(cli(['check', '-c', DEMO, '--show', 'some']).code).toBe(2);
    expect(r.stdout).toContain('Identity verification');
    expect(r.stdout).toMatch(/gate: high and above .*→ FAIL/);
    expect(r.stdout).not.toMatch(/\u001b\[/); // NO_COLOR
  });

  it('--format json validates against the report schema and is reproducible apart from run times', () => {
    const a = cli(['check', '-c', DEMO, '--format', 'json']);
    const b = cli(['check', '-c', DEMO, '--format', 'json']);
    expect(a.code).toBe(1);
    const report = JSON.parse(a.stdout);
    const validate = reportValidator();
    expect(validate(report), JSON.stringify(validate.errors)).toBe(true);
    const strip = (s: string) => {
      // the run's own times, also where the distant-as_of warning names the run start
      const r = JSON.parse(s.split(JSON.parse(s).run.started_at).join('START'));
      delete r.run.started_at;
      delete r.run.collected_by;
      delete r.run.finished_at;
      return r;
    };
    expect(strip(a.stdout)).toEqual(strip(b.stdout));
    expect(report.summary.by_status.fail).toBeGreaterThan(0);
    expect(report.summary.by_status.unknown).toBeGreaterThan(0);
    expect(report.summary.by_status.pass).toBeGreaterThan(0);
    expect(report.summary.total).toBe(report.findings.length);
  });

  it('every finding names tool, observed, expected, where and when it was read, and the snapshot hash', () => {
    const report = JSON.parse(cli(['check', '-c', DEMO, '--format', 'json']).stdout);
    const snapshots = new Map(report.snapshots.map((s: { id: string }) => [s.id, s]));
    for (const f of report.findings) {
      const snap = snapshots.get(f.tool) as Record<string, unknown> & { source: { sha256: string } };
      expect(snap, f.tool).toBeDefined();
      expect(f.evidence.sha256).toBe(snap.source.sha256);
      expect(f.evidence.location).toMatch(/fixtures\/demo\/facts\//);
      if (f.status !== 'error') expect(Object.keys(f.expected).length).toBeGreaterThan(0);
      for (const pointer of f.evidence.pointers) {
        // the pointer resolves inside the snapshot (or, "type/name#/...", inside the one it cites)
        const [tool, inner] = pointer.includes('#') ? pointer.split('#') : [f.tool, pointer];
        const parts = inner.split('/').slice(1);
        let cur: unknown = snapshots.get(tool);
        for (const p of parts) cur = (cur as Record<string, unknown>)[p];
        expect(cur, `${f.tool} ${pointer}`).not.toBeUndefined();
      }
    }
  });

  it('the snapshot hash is the sha256 of the facts file bytes', async () => {
    const { createHash } = await import('node:crypto');
    const report = JSON.parse(cli(['check', '-c', DEMO, '--format', 'json']).stdout);
    const vault = report.snapshots.find((s: { id: string }) => s.id === 'vault/prod');
    const bytes = readFileSync(fixture('demo', 'facts', 'vault-prod.yaml'));
    expect(vault.source.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
  });
});

/**
 * A copy of a case whose evidence was collected an hour ago, evaluated now: AR-TIM-002 judges
 * collected_at against the run's real start, so fixed dates in a fixture go stale.
 */
function freshCase(name: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), `ar-${name}-`));
  const hourAgo = new Date(Date.now() - 3_600_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
  const src = fixture('cases', name);
  writeFileSync(path.join(dir, 'auditready.yaml'), readFileSync(path.join(src, 'auditready.yaml'), 'utf8').replace(/^as_of: .*$/m, ''));
  mkdirSync(path.join(dir, 'facts'));
  for (const f of ['vault.yaml', 'splunk.yaml', 'github.yaml']) {
    try {
      const text = readFileSync(path.join(src, 'facts', f), 'utf8');
      writeFileSync(path.join(dir, 'facts', f), text.replace(/^collected_at: .*$/m, `collected_at: "${hourAgo}"`));
    } catch {
      // the case has no such facts file
    }
  }
  return path.join(dir, 'auditready.yaml');
}

describe('gating and exit codes', () => {
  it('exits 0 when every policy passes', () => {
    const r = cli(['check', '-c', freshCase('compliant')]);
    expect(r.stdout).toMatch(/0 fail, 0 unknown/);
    expect(r.code).toBe(0);
  });

  it('fails closed when nothing could be read: every finding unknown, exit 1', () => {
    const r = cli(['check', '-c', freshCase('unknown'), '--format', 'json']);
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout);
    // Every policy about the tool's facts is unknown; only evidence freshness (about the
    // snapshot's own timestamp, which is known) may pass, and event levels do not apply to
    // GitHub (the baseline's required_event_levels lists no levels for it), nor do failed sign-ins
    // (failed_login_event_classes lists no class for it) or a minimum rotation of local audit
    // files (audit_log_rotation_min lists none for it).
    for (const f of report.findings) {
      if (f.policy_id === 'AR-TIM-002') expect(f.status).toBe('pass');
      else if (f.policy_id === 'AR-EVT-004')
        expect(f.message).toBe(
          'Required event levels do not apply: audit_log.event_levels (required_event_levels and max_event_levels list no event levels for tool type github)',
        );
      else if (f.policy_id === 'AR-EVT-006')
        expect(f.status).toBe('not_applicable'); // no failed-login class listed for GitHub
      else if (f.policy_id === 'AR-RET-005')
        expect(f.message).toBe('Audit log rotation does not apply: audit_log.rotation (audit_log_rotation_min lists no rotation minimum for tool type github)');
      else expect(f.status, f.policy_id).toBe('unknown');
    }
    expect(report.summary.by_status.unknown).toBeGreaterThanOrEqual(8);
  });

  it('--no-fail-on-unknown relaxes unknown findings only', () => {
    const r = cli(['check', '-c', fixture('cases', 'unknown', 'auditready.yaml'), '--no-fail-on-unknown']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('unknown does not gate');
    const demo = cli(['check', '-c', DEMO, '--no-fail-on-unknown']);
    expect(demo.code).toBe(1); // the demo still has real failures
  });

  it('--fail-on critical gates only critical findings', () => {
    const report = JSON.parse(cli(['check', '-c', DEMO, '--format', 'json', '--fail-on', 'critical']).stdout);
    for (const f of report.findings) {
      if (f.gating) expect(f.severity === 'critical' || f.status === 'error').toBe(true);
    }
    expect(report.run.fail_on).toBe('critical');
  });

  it('--out writes the report to a file', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'ar-out-'));
    const out = path.join(dir, 'report.json');
    const r = cli(['check', '-c', DEMO, '--format', 'json', '--out', out]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/wrote json report to/);
    expect(JSON.parse(readFileSync(out, 'utf8')).report_version).toBe('1');
  });
});

/** User errors: exit 2, one line naming file:line:col and the problem, no stack trace. */
function expectUserError(args: string[], pattern: RegExp): void {
  const r = cli(args);
  expect(r.code, r.stderr).toBe(2);
  expect(r.stdout).toBe('');
  const lines = withoutProgress(r.stderr).trim().split('\n');
  expect(lines[0]).toMatch(pattern);
  expect(r.stderr).not.toMatch(/\n\s+at /); // no stack
}

describe('bad input: exit 2 with file, line and problem', () => {
  it('malformed YAML config', () => {
    expectUserError(
      ['check', '-c', fixture('invalid', 'malformed.yaml')],
      /^auditready: .*invalid\/malformed\.yaml:4:11: invalid YAML\/JSON: Nested mappings are not allowed/,
    );
  });

  it('unknown target type', () => {
    expectUserError(
      ['check', '-c', fixture('invalid', 'unknown-type.yaml')],
      /^auditready: .*invalid\/unknown-type\.yaml:5:11: unknown target type "gitlabb"; expected one of: github, /,
    );
  });

  it('missing facts file', () => {
    expectUserError(
      ['check', '-c', fixture('invalid', 'missing-facts.yaml')],
      /^auditready: .*invalid\/missing-facts\.yaml:4:12: facts file .*does-not-exist\.yaml: file not found$/,
    );
  });

  it('invalid facts: that tool is unknown with the reason, the report is written, the run gates (exit 1)', () => {
    const r = cli(['check', '-c', fixture('invalid', 'invalid-facts.yaml'), '--format', 'json', '--no-fail-on-unknown']);
    expect(r.code, r.stderr).toBe(1);
    expect(withoutProgress(r.stderr).trim().split('\n')).toEqual([
      expect.stringMatching(
        /^auditready: jenkins\/ci: .*invalid\/facts\/invalid-type\.yaml:8:17: invalid facts: identity\.mfa_required: must be boolean,null; expected a facts file in the normalized model/,
      ),
    ]);
    const report = JSON.parse(r.stdout) as Report;
    expect(report.summary).toMatchObject({ result: 'fail', collection_errors: 1 });
    expect(report.snapshots[0]!.gaps.every((g) => g.reason === 'error')).toBe(true);
  });

  it('missing config file', () => {
    expectUserError(['check', '-c', 'nope.yaml'], /^auditready: nope\.yaml: file not found$/);
  });

  it('unknown option and unknown format are usage errors', () => {
    expectUserError(['check', '--bogus'], /^auditready: unknown option '--bogus'$/);
    expectUserError(['check', '-c', DEMO, '--format', 'xml'], /^auditready: option .*--format.* argument 'xml' is invalid/);
  });

  it('null fact without a gap, unknown parameter, unknown profile, bad as_of', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'ar-bad-'));
    mkdirSync(path.join(dir, 'facts'));
    const facts = readFileSync(fixture('cases', 'compliant', 'facts', 'vault.yaml'), 'utf8');
    writeFileSync(path.join(dir, 'facts', 'nogap.yaml'), facts.replace('  sso_enforced: true', '  sso_enforced: null'));
    writeFileSync(path.join(dir, 'a.yaml'), 'targets:\n  - type: vault\n    name: v\n    facts: facts/nogap.yaml\n');
    // broken content of one tool's facts: that tool is unknown and the run gates (exit 1), not a config error
    const broken = cli(['check', '-c', path.join(dir, 'a.yaml')]);
    expect(broken.code).toBe(1);
    expect(withoutProgress(broken.stderr)).toMatch(
      /^auditready: vault\/v: .*nogap\.yaml:7:17: invalid facts: identity\.sso_enforced is null but no gap says why/,
    );

    copyFileSync(fixture('cases', 'compliant', 'facts', 'vault.yaml'), path.join(dir, 'facts', 'ok.yaml'));
    writeFileSync(path.join(dir, 'b.yaml'), 'parameters:\n  max_admin: 3\ntargets:\n  - type: vault\n    name: v\n    facts: facts/ok.yaml\n');
    expectUserError(['check', '-c', path.join(dir, 'b.yaml')], /b\.yaml:2:3: unknown parameter "max_admin"; profile baseline defines: /);

    writeFileSync(path.join(dir, 'c.yaml'), 'profile: soc3\ntargets:\n  - type: vault\n    name: v\n    facts: facts/ok.yaml\n');
    expectUserError(['check', '-c', path.join(dir, 'c.yaml')], /unknown profile "soc3"; expected one of: baseline/);

    writeFileSync(path.join(dir, 'd.yaml'), 'as_of: yesterday\ntargets:\n  - type: vault\n    name: v\n    facts: facts/ok.yaml\n');
    expectUserError(['check', '-c', path.join(dir, 'd.yaml')], /d\.yaml:1:8: invalid config: as_of: must match format "date-time"/);
  });
});

describe('collect and version', () => {
  it('collect prints the normalized model the policies see', () => {
    const r = cli(['collect', '-c', DEMO]);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.model_version).toBe('1');
    expect(doc.tools.map((t: { id: string }) => t.id)).toEqual([
      'argocd/prod',
      'chrony/build-hosts',
      'github/acme',
      'jenkins/ci-prod',
      'kubernetes/prod',
      'loki/central',
      'vault/prod',
    ]);
  });

  it('--version prints the package version', () => {
    const r = cli(['--version']);
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toBe(JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')).version);
  });
});

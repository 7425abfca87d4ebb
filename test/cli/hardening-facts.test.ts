/**
 * Declared facts are not taken at their word where they contradict themselves; parameters stay
 * in range; declaring everything not applicable is warned about in every format; waivers cannot
 * be revived by a pinned as_of and need a named approver.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixture } from '../helpers/run.js';
import { cliWithin, expectCleanError, expectRefused, factsConfig, tag, tmpDir } from '../helpers/survive.js';

const JENKINS = readFileSync(fixture('demo', 'facts', 'jenkins-ci-prod.yaml'), 'utf8');
const CHRONY = readFileSync(fixture('demo', 'facts', 'chrony-build-hosts.yaml'), 'utf8');

/** A facts file from the Jenkins demo with `edit` applied; returns the file and the line of `marker`. */
function facts(edit: (text: string) => string, marker?: string): { file: string; line: number } {
  const file = path.join(tmpDir(), 'jenkins.yaml');
  const text = edit(JENKINS);
  writeFileSync(file, text);
  return { file, line: marker ? text.split('\n').findIndex((l) => l.includes(marker)) + 1 : 0 };
}

describe('facts that contradict themselves are errors at their line', () => {
  it(tag('facts', 'admin_count: 0 beside three admin names'), () => {
    const f = facts(
      (t) => t.replace('admin_count: 2', 'admin_count: 0').replace('admin_names: [admin, deploy]', 'admin_names: [admin, deploy, root]'),
      'admin_count: 0',
    );
    const r = cliWithin(['check', '-c', factsConfig(f.file), '--format', 'json']);
    expectRefused(r, new RegExp(`jenkins\\.yaml:${f.line}:\\d+: invalid facts: admin_count is 0 but admin_names lists 3 \\(admin, deploy, root\\)`));
  });

  it(tag('facts', 'a time source listed twice'), () => {
    const f = facts(
      (t) =>
        t.replace(
          '  sources: [time1.acme.internal, time2.acme.internal, time3.acme.internal]',
          '  sources:\n    - time1.acme.internal\n    - Time1.acme.internal',
        ),
      '- Time1.acme.internal',
    );
    const r = cliWithin(['check', '-c', factsConfig(f.file), '--format', 'json']);
    expectRefused(r, new RegExp(`jenkins\\.yaml:${f.line}:\\d+: invalid facts: time source "Time1\\.acme\\.internal" is listed twice`));
  });

  it(tag('facts', 'an empty time source'), () => {
    const f = facts((t) => t.replace('[time1.acme.internal, time2.acme.internal, time3.acme.internal]', '[time1.acme.internal, " "]'), 'sources:');
    const r = cliWithin(['check', '-c', factsConfig(f.file), '--format', 'json']);
    expectRefused(r, new RegExp(`jenkins\\.yaml:${f.line}:\\d+: invalid facts: empty time source name`));
  });

  it(tag('facts', 'a parameter out of its range (max_admins: -1) is a config error at its line'), () => {
    const config = factsConfig(fixture('demo', 'facts', 'jenkins-ci-prod.yaml'), 'parameters:\n  max_admins: -1\n');
    const r = cliWithin(['check', '-c', config]);
    expectCleanError(r);
    expect(r.stderr).toMatch(/auditready\.yaml:5:15: parameter "max_admins" must be at least 0 \(got -1\) \(profile baseline\)/);
    const half = cliWithin([
      'check',
      '-c',
      factsConfig(fixture('demo', 'facts', 'jenkins-ci-prod.yaml'), 'parameters:\n  max_admin_share_percent: 150\n  min_time_sources: 1.5\n'),
    ]);
    expectCleanError(half);
    expect(half.stderr).toMatch(/parameter "max_admin_share_percent" must be at least 0 and at most 100 \(got 150\)/);
  });
});

describe('declaring everything not applicable', () => {
  it(tag('facts', 'a facts file whose every fact is not applicable is warned about in every report format'), () => {
    // The chrony facts declare everything but time not applicable: declare the time facts so too.
    const time = [...(/^time:\n((?: {2}.*\n)+)/m.exec(CHRONY)?.[1] ?? '').matchAll(/^ {2}(\w+):/gm)].map((m) => m[1]!);
    expect(time).toContain('sync_daemon');
    const approver = /approver: (.+) \}$/m.exec(CHRONY)![1]!;
    const allNa = CHRONY.replace(/^time:\n((?: {2}.*\n)+)/m, `time: { ${time.map((f) => `${f}: null`).join(', ')} }\n`).replace(
      /^gaps:\n/m,
      'gaps:\n' +
        time
          .map((f) => `  - { fact: time.${f}, reason: not_applicable, detail: out of scope, justification: out of scope here, approver: ${approver} }\n`)
          .join(''),
    );
    const file = path.join(tmpDir(), 'chrony.yaml');
    writeFileSync(file, allNa);
    const out = tmpDir();
    // As the chrony target it is (a Jenkins target would also be judged by AR-ACC-120, unknown without a controller resource).
    const config = factsConfig(file, `approvers: [${approver}]\n`, 'chrony');
    const r = cliWithin(['check', '-c', config, '--format', 'table,json,sarif,junit,markdown,oscal,html', '--out', out]);
    expect(r.code, r.stderr).toBe(0);
    const files = ['auditready.txt', 'auditready.json', 'auditready.sarif', 'auditready.xml', 'auditready.md', 'auditready.oscal.json', 'auditready.html'];
    for (const name of files) {
      expect(existsSync(path.join(out, name)), name).toBe(true);
      expect(readFileSync(path.join(out, name), 'utf8'), name).toMatch(/chrony\/ci: every fact \(\d+\) is declared not applicable/);
    }
    const report = JSON.parse(readFileSync(path.join(out, 'auditready.json'), 'utf8'));
    expect(report.warnings).toContainEqual(expect.objectContaining({ kind: 'facts_all_not_applicable', tool: 'chrony/ci' }));
  });
});

describe('waivers', () => {
  /** The demo with one waiver for the Jenkins MFA failure, expiring on `expires`. */
  function waived(asOf: string, expires: string, approver = 'Dana Whitfield (CISO)'): string {
    const dir = tmpDir();
    const config = path.join(dir, 'auditready.yaml');
    writeFileSync(
      config,
      `version: 1\nas_of: "${asOf}"\nfacts_roots: [${JSON.stringify(fixture('demo', 'facts'))}]\ntargets:\n  - { type: jenkins, name: ci, facts: ${JSON.stringify(fixture('demo', 'facts', 'jenkins-ci-prod.yaml'))} }\nwaivers:\n  - id: EXC-1\n    policy: AR-IDN-002\n    tool: jenkins/ci\n    justification: MFA rollout tracked in SEC-42\n    approver: ${JSON.stringify(approver)}\n    approved_on: "2020-01-01"\n    expires_on: "${expires}"\n`,
    );
    return config;
  }

  it(tag('facts', 'a pinned as_of never revives a waiver that expired before the run started (warned)'), () => {
    // as_of before the expiry, but the run itself happens years after it
    const config = waived('2020-06-01T00:00:00Z', '2020-12-31');
    const evidence = path.join(tmpDir(), 'evidence');
    const r = cliWithin(['check', '-c', config, '--format', 'json', '--evidence', evidence]);
    const report = JSON.parse(r.stdout);
    const mfa = report.findings.find((f: { policy_id: string }) => f.policy_id === 'AR-IDN-002');
    expect(mfa.status).toBe('fail');
    expect(mfa.gating).toBe(true);
    expect(report.warnings.map((w: { message: string }) => w.message)).toContainEqual(
      expect.stringMatching(
        /waiver EXC-1 for AR-IDN-002 on jenkins\/ci expired on 2020-12-31 \(the run started on \d{4}-\d\d-\d\d; as_of 2020-06-01 does not revive it\)/,
      ),
    );
    // re-evaluating the bundle later still reproduces it (the run's start is recorded)
    const e = cliWithin(['evaluate', '--evidence', evidence]);
    expect(e.code, e.stdout).toBe(0);
  });

  it('a waiver still valid when the run started applies', () => {
    const report = JSON.parse(cliWithin(['check', '-c', waived('2020-06-01T00:00:00Z', '2999-12-31'), '--format', 'json']).stdout);
    expect(report.findings.find((f: { policy_id: string }) => f.policy_id === 'AR-IDN-002').status).toBe('waived');
  });

  it(tag('facts', 'a blank approver is a config error at its line'), () => {
    const r = cliWithin(['check', '-c', waived('2020-06-01T00:00:00Z', '2999-12-31', '   ')]);
    expectCleanError(r);
    expect(r.stderr).toMatch(/auditready\.yaml:11:15: invalid config: waivers\.0\.approver: must not be blank/);
  });
});

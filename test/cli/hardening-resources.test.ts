/**
 * Resources are bounded: a collector that does not finish within its budget fails like a broken
 * input (never an endless wait); a custom policy that does not finish within its budget becomes
 * an error finding naming it; the process exits once the command is done.
 */
import { copyFileSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixture } from '../helpers/run.js';
import { cliAsync, cliWithin, customPolicyDir, tag, tmpDir } from '../helpers/survive.js';

describe('collector time budget', () => {
  let server: net.Server;
  let url: string;
  const sockets = new Set<net.Socket>();
  beforeAll(async () => {
    // Accepts connections and never answers: a dead endpoint behind a live load balancer.
    server = net.createServer((s) => {
      sockets.add(s);
      s.on('error', () => {});
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(server.address() as net.AddressInfo).port}`;
  });
  afterAll(() => {
    for (const s of sockets) s.destroy();
    return new Promise<void>((r) => server.close(() => r()));
  });

  /** A GitHub target on the dead endpoint (line 3 of the config) beside a Jenkins facts target that reads fine. */
  function config(extra = ''): string {
    const dir = tmpDir();
    const file = path.join(dir, 'auditready.yaml');
    copyFileSync(fixture('demo', 'facts', 'jenkins-ci-prod.yaml'), path.join(dir, 'jenkins.yaml'));
    const target = { type: 'github', name: 'acme', endpoint: url, token_env: 'AR_T_TOKEN', options: { org: 'acme', timeout_ms: 600_000, retries: 0 } };
    writeFileSync(file, `version: 1\n${extra}targets:\n  - ${JSON.stringify(target)}\n  - { type: jenkins, name: ci, facts: jenkins.yaml }\n`);
    return file;
  }

  const PAST_BUDGET = (s: string) =>
    new RegExp(
      `auditready\\.yaml:\\d+:\\d+: collector github for github/acme did not finish within ${s} s \\(its time budget\\); expected a collection within the budget; raise it with --timeout or limits\\.collector_timeout_s in the config`,
    );

  it(
    tag('resources', 'check --timeout: a collector past its budget makes that tool unknown, in seconds; the others are reported and the run gates'),
    async () => {
      const started = Date.now();
      const r = await cliAsync(['check', '-c', config(), '--timeout', '2', '--format', 'json'], { env: { AR_T_TOKEN: 'x'.repeat(20) }, timeoutMs: 60_000 });
      expect(Date.now() - started).toBeLessThan(20_000);
      expect(r.code, r.stderr).toBe(1);
      expect(r.stderr).toMatch(PAST_BUDGET('2'));
      const report = JSON.parse(r.stdout);
      expect(report.collection_errors).toEqual([expect.objectContaining({ tool: 'github/acme', line: 3, message: expect.stringMatching(PAST_BUDGET('2')) })]);
      const github = report.snapshots.find((t: { id: string }) => t.id === 'github/acme');
      expect(github.identity.mfa_required).toBeNull();
      expect(github.gaps.every((g: { reason: string }) => g.reason === 'error')).toBe(true);
      // The Jenkins facts were read and judged as usual.
      expect(report.findings.some((f: { tool: string; status: string }) => f.tool === 'jenkins/ci' && f.status === 'pass')).toBe(true);
      expect(report.summary.result).toBe('fail');
    },
  );

  it(tag('resources', 'limits.collector_timeout_s in the config, for collect too'), async () => {
    const started = Date.now();
    const r = await cliAsync(['collect', '-c', config('limits: { collector_timeout_s: 1.5 }\n')], { env: { AR_T_TOKEN: 'x'.repeat(20) }, timeoutMs: 60_000 });
    expect(Date.now() - started).toBeLessThan(20_000);
    expect(r.code, r.stderr).toBe(1);
    expect(r.stderr).toMatch(PAST_BUDGET('1.5'));
    expect(JSON.parse(r.stdout).tools.map((t: { id: string }) => t.id)).toEqual(['github/acme', 'jenkins/ci']);
  });

  it('--timeout must be a positive number', () => {
    const r = cliWithin(['check', '-c', fixture('demo', 'auditready.yaml'), '--timeout', '0']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/"0" is not a positive number of seconds/);
  });
});

describe('custom policy time budget', () => {
  /** Exponential work: every subset-like combination of 2^25 numbers — far past any budget. */
  const slowPolicy = (): string =>
    customPolicyDir(
      `findings contains lib.finding(tool, [lib.equals(tool, ["identity", "mfa_required"], true)], {
	"pass": "p", "fail": "f", "unknown": "u", "not_applicable": "n", "error": "e",
}) if {
	some tool in lib.in_scope(rego.metadata.chain())
	n := count([x | some x in numbers.range(1, 40000000); x % 7 == 3])
	n > 0
}
`,
      { name: 'slow', id: 'ACME-IDN-009', severity: 'low' },
    );

  it(tag('resources', 'a custom policy past its budget is an error finding naming it; built-in verdicts stand'), async () => {
    const config = fixture('cases', 'compliant', 'auditready.yaml');
    const started = Date.now();
    const r = await cliAsync(['check', '-c', config, '--policy', slowPolicy(), '--format', 'json'], {
      env: { AUDITREADY_POLICY_TIMEOUT_S: '2' },
      timeoutMs: 240_000,
    });
    expect(r.timedOut).toBe(false);
    expect(r.code, r.stderr).toBe(1);
    const report = JSON.parse(r.stdout);
    const slow = report.findings.filter((f: { policy_id: string }) => f.policy_id === 'ACME-IDN-009');
    expect(slow.length).toBe(2);
    for (const f of slow) {
      expect(f.status).toBe('error');
      expect(f.message).toMatch(/custom policy ACME-IDN-009 \(identity\.slow\) did not finish within 2 s \(limits\.policy_timeout_s\)/);
    }
    expect(report.findings.filter((f: { policy_id: string; status: string }) => f.policy_id.startsWith('AR-') && f.status === 'pass').length).toBeGreaterThan(
      20,
    );
    // The budget, not the slow rule, decides how long the run takes (compilation aside).
    expect(Date.now() - started).toBeLessThan(120_000);
  });
});

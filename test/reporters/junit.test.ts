import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { validateXML } from 'xmllint-wasm';
import { junitReporter } from '../../src/reporters/junit.js';
import type { Report } from '../../src/report/types.js';
import { richReport } from '../helpers/reports.js';
import { ROOT } from '../helpers/run.js';

// biome-ignore lint/suspicious/noExplicitAny: parsed documents are walked freely in assertions
type Node = any;

function parse(report: Report): { xml: string; doc: Node } {
  const xml = junitReporter.render(report, { color: false, baseDir: ROOT });
  expect(XMLValidator.validate(xml)).toBe(true);
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '',
    isArray: (name) => ['testsuite', 'testcase'].includes(name),
  });
  return { xml, doc: parser.parse(xml) };
}

/** Validate with libxml2 (xmllint compiled to Wasm) against Jenkins' JUnit schema (test/schemas/README.md). */
async function jenkinsSchemaErrors(xml: string): Promise<string[]> {
  const schema = readFileSync(path.join(ROOT, 'test', 'schemas', 'jenkins-junit-10.xsd'), 'utf8');
  const result = await validateXML({ xml: [{ fileName: 'auditready.xml', contents: xml }], schema: [schema], maxMemoryPages: 4096 });
  return result.valid ? [] : result.errors.map((e) => e.rawMessage);
}

describe('junit reporter', () => {
  it('validates against the JUnit schema Jenkins publishes (xUnit plugin junit-10.xsd), also when empty and with warnings', async () => {
    const report = await richReport();
    const xml = junitReporter.render(report, { color: false, baseDir: ROOT });
    expect(await jenkinsSchemaErrors(xml)).toEqual([]);
    const empty = { ...report, findings: [], warnings: [{ kind: 'as_of_distant' as const, message: 'as_of is fixed <far> & away' }] };
    expect(await jenkinsSchemaErrors(junitReporter.render(empty, { color: false, baseDir: ROOT }))).toEqual([]);
    // the validator is real: the file/line attributes the reporter once wrote are rejected
    const withFile = xml.replace('<testcase classname=', '<testcase file="x.yaml" classname=');
    expect((await jenkinsSchemaErrors(withFile)).join('\n')).toMatch(/attribute 'file' is not allowed/);
  });

  it('a tool that could not be collected and a fact read at file:line stay valid: the location is in the text, not in attributes', async () => {
    const report = structuredClone(await richReport());
    const f = report.findings.find((x) => x.status === 'fail')!;
    f.evidence.sources = [{ fact: 'identity.anonymous_access', file: 'argocd/argocd-cm.yaml', line: 14, column: 3, pointer: '/data/users.anonymous.enabled' }];
    report.collection_errors = [
      { tool: 'argocd/broken', message: 'argocd-cm.yaml:14:3: invalid YAML/JSON', file: path.join(ROOT, 'argocd', 'argocd-cm.yaml'), line: 14, column: 3 },
      { tool: 'github/acme', message: 'GET /orgs/acme: 502 after 4 retries', endpoint: 'https://api.github.com/orgs/acme' },
      {
        tool: 'chrony/down',
        message: '`chronyc -c tracking`: exited with status 1: 506 Cannot talk to daemon',
        command: 'chronyc -c tracking',
        exit_status: 1,
      },
    ];
    const g = report.findings.find((x) => x.status === 'fail' && x !== f)!;
    g.evidence.sources = [{ fact: 'time.synchronized', command: 'chronyc -c tracking', exit_status: 0, sha256: 'a'.repeat(64), line: 1 }];
    const xml = junitReporter.render(report, { color: false, baseDir: ROOT });
    expect(await jenkinsSchemaErrors(xml)).toEqual([]);
    const { doc } = parse(report);
    const cases = doc.testsuites.testsuite.flatMap((s: Node) => s.testcase);
    const broken = cases.find((c: Node) => c.classname === 'argocd/broken' && c.name === 'collection');
    expect(broken.error['#text']).toBe('at: argocd/argocd-cm.yaml:14\nargocd-cm.yaml:14:3: invalid YAML/JSON');
    const remote = cases.find((c: Node) => c.classname === 'github/acme' && c.name === 'collection');
    expect(remote.error['#text']).toMatch(/^at: https:\/\/api\.github\.com\/orgs\/acme\n/);
    const down = cases.find((c: Node) => c.classname === 'chrony/down' && c.name === 'collection');
    expect(down.error['#text']).toMatch(/^ran: chronyc -c tracking \(exit status 1\)\n/);
    const ran = cases.find((c: Node) => c.failure?.['#text']?.includes('read at: time.synchronized'));
    expect(ran.failure['#text']).toContain(`read at: time.synchronized: \`chronyc -c tracking\` line 1 (exit 0, output sha256 ${'a'.repeat(16)}…)`);
    const read = cases.find((c: Node) => c.failure?.['#text']?.includes('read at: identity.anonymous_access'));
    expect(read.failure['#text']).toContain('read at: identity.anonymous_access: argocd/argocd-cm.yaml:14:3 /data/users.anonymous.enabled');
    expect(Number(doc.testsuites.errors)).toBe(report.findings.filter((x) => x.status === 'error').length + 3);
  });

  it('one testsuite per tool, one testcase per policy × resource, counts that add up', async () => {
    const report = await richReport();
    const { doc } = parse(report);
    const root = doc.testsuites;
    expect(root.name).toBe('auditready');
    const tools = [...new Set(report.findings.map((f) => f.tool))].sort();
    expect(root.testsuite.map((s: Node) => s.name)).toEqual(tools);
    let tests = 0;
    for (const suite of root.testsuite) {
      const findings = report.findings.filter((f) => f.tool === suite.name);
      expect(suite.testcase).toHaveLength(findings.length);
      expect(Number(suite.tests)).toBe(findings.length);
      expect(Number(suite.failures)).toBe(suite.testcase.filter((c: Node) => c.failure).length);
      expect(Number(suite.errors)).toBe(suite.testcase.filter((c: Node) => c.error).length);
      expect(Number(suite.skipped)).toBe(suite.testcase.filter((c: Node) => c.skipped).length);
      const keys = suite.testcase.map((c: Node) => `${c.classname}\u0000${c.name}`);
      expect(new Set(keys).size).toBe(keys.length); // GitLab counts only the first of duplicates
      for (const c of suite.testcase) {
        expect(c.classname).toBe(suite.name);
        expect(c.time).toBe('0');
        // Jenkins' schema has no file/line on a testcase: the target's config line leads the evidence
        const body = c.failure?.['#text'] ?? c.error?.['#text'] ?? c['system-out'] ?? '';
        expect(body).toMatch(/^target: fixtures\/demo\/auditready\.yaml:\d+\n/);
      }
      tests += suite.testcase.length;
    }
    expect(Number(root.tests)).toBe(tests);
    expect(tests).toBe(report.findings.length);
  });

  it('failures carry message and evidence; n/a and waived are skipped, waived with the waiver id', async () => {
    const report = await richReport();
    const { doc } = parse(report);
    const cases = doc.testsuites.testsuite.flatMap((s: Node) => s.testcase);
    const byName = (tool: string, policy: string, resource?: string) =>
      cases.find((c: Node) => c.classname === tool && c.name.startsWith(policy) && (resource ? c.name.includes(`[${resource}]`) : !c.name.includes('[')));

    const fail = byName('jenkins/ci-prod', 'AR-IDN-002');
    expect(fail.failure.type).toBe('AR-IDN-002');
    expect(fail.failure.message).toMatch(/^FAIL: /);
    expect(fail.failure['#text']).toMatch(/sha256 [0-9a-f]{64}/);
    expect(fail.failure['#text']).toContain('identity.mfa_required');

    const unknown = byName('argocd/prod', 'AR-IDN-002');
    expect(unknown.failure.message).toMatch(/^UNKNOWN: /);
    expect(unknown.failure['#text']).toMatch(/gap: /);

    // a second verdict for the same policy × tool × resource gets a distinct name
    const error = cases.find((c: Node) => c.classname === 'vault/prod' && c.error);
    expect(error.error.message).toMatch(/^ERROR: /);
    expect(error.name).toMatch(/^AR-IDN-002 .* #2$/);

    const na = byName('chrony/build-hosts', 'AR-IDN-002');
    expect(na.skipped.message).toMatch(/^not applicable: /);

    const waived = byName('github/acme', 'AR-RET-001');
    expect(waived.skipped.message).toMatch(/^waived by EXC-2026-014 until 2027-03-31/);

    // passing cases keep what was observed and where, without the remediation text
    const pass = byName('vault/prod', 'AR-IDN-002');
    expect(pass['system-out']).toMatch(/evidence \(declared by the organization in a facts file\): .*sha256 [0-9a-f]{64}/);
    expect(pass['system-out']).not.toMatch(/remediation:/);
    expect(waived['system-out']).toMatch(/remediation:/);

    // resource cases are distinct and escaped
    const api = byName('github/acme', 'AR-ACC-002', 'acme/api');
    expect(api.failure.message).toBe('FAIL: default permission <write> & "admin"');
    expect(byName('github/acme', 'AR-ACC-002', 'acme/web').failure).toBeUndefined();
  });

  it('an empty report is never empty XML', async () => {
    const report = structuredClone(await richReport());
    report.findings = [];
    const { doc } = parse(report);
    expect(doc.testsuites.testsuite).toHaveLength(1);
    expect(doc.testsuites.testsuite[0].testcase).toHaveLength(1);
    expect(Number(doc.testsuites.tests)).toBe(1);
  });
});

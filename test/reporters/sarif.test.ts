import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import Ajv4Module from 'ajv-draft-04';
import addFormatsModule from 'ajv-formats';
import { fingerprint, sarifReporter } from '../../src/reporters/sarif.js';
import type { Report } from '../../src/report/types.js';
import { richReport } from '../helpers/reports.js';
import { ROOT } from '../helpers/run.js';

const Ajv4 = Ajv4Module as unknown as typeof Ajv4Module.default;
const addFormats = addFormatsModule as unknown as (a: InstanceType<typeof Ajv4>) => void;

function sarifValidator() {
  // The pattern ^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}]?$ is invalid under the `u` flag.
  const ajv = new Ajv4({ allErrors: true, strict: false, unicodeRegExp: false });
  addFormats(ajv);
  const schema = JSON.parse(readFileSync(path.join(ROOT, 'node_modules/@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json'), 'utf8'));
  return ajv.compile(schema);
}

// biome-ignore lint/suspicious/noExplicitAny: parsed documents are walked freely in assertions
type Sarif = any;

function render(report: Report): Sarif {
  return JSON.parse(sarifReporter.render(report, { color: false, baseDir: ROOT }));
}

describe('sarif reporter', () => {
  it('anchors a result at the file and line its facts were read from; a collection error is an error notification; still valid SARIF', async () => {
    const report = await richReport();
    const f = report.findings.find((x) => x.status === 'fail')!;
    f.evidence.sources = [
      { fact: f.evidence.pointers[0]!.slice(1).replace(/\//g, '.'), file: 'argocd/argocd-cm.yaml', line: 14, column: 3, pointer: '/data/admin.enabled' },
      { fact: 'identity.local_accounts', file: 'argocd/argocd-cm.yaml', line: 20, default: 'admin.enabled absent: enabled' },
      { fact: 'audit_log.enabled', default: 'documented behaviour' },
    ];
    report.collection_errors = [{ tool: 'argocd/example', message: 'argocd/x.yaml:3:1: invalid YAML/JSON: bad', file: 'argocd/x.yaml', line: 3, column: 1 }];
    const log = render(report);
    const validate = sarifValidator();
    expect(validate(log), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
    const result = log.runs[0].results.find((r: Sarif) => r.partialFingerprints['auditready/v1'] === fingerprint(f));
    expect(result.locations[0].physicalLocation).toEqual({ artifactLocation: { uri: 'argocd/argocd-cm.yaml' }, region: { startLine: 14, startColumn: 3 } });
    expect(result.relatedLocations.map((l: Sarif) => [l.physicalLocation.region.startLine, l.message.text])).toEqual([
      [20, 'identity.local_accounts (documented default)'],
      [expect.any(Number), `target ${f.tool} declared here`],
    ]);
    const invocation = log.runs[0].invocations[0];
    expect(invocation.executionSuccessful).toBe(false);
    expect(invocation.toolExecutionNotifications[0]).toMatchObject({
      level: 'error',
      message: { text: expect.stringMatching(/^could not collect argocd\/example: /) },
    });
  });

  it('validates against the SARIF 2.1.0 schema and has what GitHub code scanning requires', async () => {
    const report = await richReport();
    const log = render(report);
    const validate = sarifValidator();
    expect(validate(log), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
    expect(log.$schema).toBe('https://json.schemastore.org/sarif-2.1.0.json');
    expect(log.version).toBe('2.1.0');
    expect(log.runs).toHaveLength(1);
    const run = log.runs[0];
    expect(run.tool.driver.name).toBe('auditready');
    for (const rule of run.tool.driver.rules) {
      expect(rule.shortDescription.text.length).toBeGreaterThan(0);
      expect(rule.fullDescription.text.length).toBeLessThanOrEqual(1024);
      expect(rule.help.text.length).toBeGreaterThan(0);
      const sev = Number(rule.properties['security-severity']);
      expect(sev).toBeGreaterThanOrEqual(0.1);
      expect(sev).toBeLessThanOrEqual(10);
      expect(rule.properties.tags.length).toBeLessThanOrEqual(10);
    }
    // waiver warnings become tool notifications
    const notes = run.invocations[0].toolExecutionNotifications.map((n: Sarif) => n.message.text);
    expect(notes).toEqual(report.warnings!.map((w) => w.message));
    const critical = run.tool.driver.rules.find((r: Sarif) => r.id === 'AR-IDN-002');
    expect(Number(critical.properties['security-severity'])).toBeGreaterThan(9);
  });

  it('reports fail, unknown, error and waived findings, each anchored to the config line of its target', async () => {
    const report = await richReport();
    const { results, tool } = render(report).runs[0];
    const expected = report.findings.filter((f) => ['fail', 'unknown', 'error', 'waived'].includes(f.status));
    expect(results).toHaveLength(expected.length);
    const configLines = readFileSync(path.join(ROOT, 'fixtures/demo/auditready.yaml'), 'utf8').split('\n');
    for (const r of results) {
      expect(tool.driver.rules[r.ruleIndex].id).toBe(r.ruleId);
      expect(r.locations.length).toBeGreaterThanOrEqual(1);
      const loc = r.locations[0].physicalLocation;
      expect(loc.artifactLocation.uri).toBe('fixtures/demo/auditready.yaml');
      const target = r.properties.tool as string;
      const name = target.split('/')[1];
      // the anchored line declares the target (its `- type:` line, followed by `name:`)
      expect(configLines[loc.region.startLine - 1]).toMatch(new RegExp(`- type: ${target.split('/')[0]}$`));
      expect(configLines[loc.region.startLine]).toMatch(new RegExp(`name: ${name}$`));
      expect(r.message.text).toContain(target);
      expect(r.partialFingerprints.primaryLocationLineHash).toMatch(/^[0-9a-f]{16}:1$/);
      // SARIF §3.27.9: a level other than none goes with kind fail
      expect(['error', 'warning', 'note']).toContain(r.level);
      expect(r.kind).toBe('fail');
    }
  });

  it('fingerprints are stable per policy × tool × resource and distinct across them', async () => {
    const report = await richReport();
    const a = render(report).runs[0].results;
    const changed = structuredClone(report);
    for (const f of changed.findings) f.message = `${f.message} (reworded)`;
    changed.targets = changed.targets!.map((t) => ({ ...t, line: t.line + 3 }));
    const b = render(changed).runs[0].results;
    expect(b.map((r: Sarif) => r.partialFingerprints)).toEqual(a.map((r: Sarif) => r.partialFingerprints));
    const hashes = a.map((r: Sarif) => r.partialFingerprints.primaryLocationLineHash);
    expect(new Set(hashes).size).toBe(hashes.length);
    expect(fingerprint({ policy_id: 'AR-ACC-002', tool: 'github/acme', resource: 'acme/api' })).not.toBe(
      fingerprint({ policy_id: 'AR-ACC-002', tool: 'github/acme', resource: null }),
    );
  });

  it('waived findings are suppressed externally with the waiver as justification', async () => {
    const report = await richReport();
    const waived = render(report).runs[0].results.filter((r: Sarif) => r.properties.status === 'waived');
    expect(waived.length).toBeGreaterThan(0);
    for (const r of waived) {
      expect(r.suppressions).toHaveLength(1);
      expect(r.suppressions[0].kind).toBe('external');
      expect(r.suppressions[0].status).toBe('accepted');
      expect(r.suppressions[0].justification).toMatch(/^EXC-\d{4}-\d{3}: .+approved by .+expires \d{4}-\d{2}-\d{2}/);
    }
    const unsuppressed = render(report).runs[0].results.filter((r: Sarif) => r.properties.status !== 'waived');
    for (const r of unsuppressed) expect(r.suppressions).toBeUndefined();
  });

  it('a report without targets (older reports) still gives every result a location', async () => {
    const report = structuredClone(await richReport());
    delete report.targets;
    const log = render(report);
    expect(sarifValidator()(log)).toBe(true);
    for (const r of log.runs[0].results) expect(r.locations[0].physicalLocation.region.startLine).toBe(1);
  });
});

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { runCheck } from '../../src/pipeline/run-check.js';
import type { Finding, Report, Status } from '../../src/report/types.js';
import { fixture, ROOT } from './run.js';

const addFormats = addFormatsModule as unknown as (a: Ajv2020) => Ajv2020;

let demo: Promise<Report> | undefined;

/**
 * The demo estate's report (fixtures/demo), evaluated in-process once per test file at a fixed
 * time (2026-11-20T12:00:00Z, so staleness and expiry never depend on the day the tests run).
 * Each call returns a copy the caller may change.
 */
export function demoReport(): Promise<Report> {
  demo ??= runCheck({ configPath: path.relative(ROOT, fixture('demo', 'auditready.yaml')), now: () => new Date('2026-11-20T12:00:00Z') });
  return demo.then((r) => structuredClone(r));
}

/**
 * The demo plus what it lacks: an `error` finding and two findings on resources inside a tool
 * (same policy and tool), so every status and the resource path are exercised.
 */
export async function richReport(): Promise<Report> {
  const r = await demoReport();
  const base = r.findings.find((f) => f.policy_id === 'AR-IDN-002' && f.tool === 'github/acme')!;
  const acc = r.findings.find((f) => f.policy_id === 'AR-ACC-002' && f.tool === 'github/acme')!;
  const extra: Finding[] = [
    { ...structuredClone(base), status: 'error', message: 'policy produced no verdict for this tool', gating: true, observed: {}, expected: {} },
    { ...structuredClone(acc), resource: 'acme/api', status: 'fail', message: 'default permission <write> & "admin"', gating: false },
    { ...structuredClone(acc), resource: 'acme/web', status: 'pass', message: 'default permission is read', gating: false },
  ];
  extra[0]!.tool = 'vault/prod';
  r.findings.push(...extra);
  r.summary.total = r.findings.length;
  r.summary.by_status.error += 1;
  r.summary.by_status.fail += 1;
  r.summary.by_status.pass += 1;
  r.summary.gating += 1;
  return r;
}

export function reportValidator() {
  const ajv = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true });
  addFormats(ajv);
  for (const s of ['model', 'report']) {
    ajv.addSchema(JSON.parse(readFileSync(path.join(ROOT, 'schemas', `${s}.schema.json`), 'utf8')));
  }
  return ajv.getSchema('https://auditready.dev/schemas/report.schema.json')!;
}

/**
 * A report with exactly `n` findings, built by copying `base` across renamed tools
 * (argocd/prod → argocd/prod-7) with matching snapshots, so evidence pointers still resolve.
 */
export function multiplyReport(base: Report, n: number): Report {
  const per = base.findings.length;
  if (per === 0) throw new Error('multiplyReport: base has no findings');
  const copies = Math.ceil(n / per);
  const snapshots: Report['snapshots'] = [];
  const findings: Report['findings'] = [];
  for (let k = 0; k < copies; k++) {
    for (const s of base.snapshots) snapshots.push({ ...s, id: `${s.id}-${k}`, name: `${s.name}-${k}` });
    for (const f of base.findings) findings.push({ ...f, tool: `${f.tool}-${k}` });
  }
  const kept = findings.slice(0, n);
  const used = new Set(kept.map((f) => f.tool));
  const byStatus: Record<Status, number> = { pass: 0, fail: 0, unknown: 0, not_applicable: 0, error: 0, waived: 0 };
  for (const f of kept) byStatus[f.status]++;
  const gating = kept.filter((f) => f.gating).length;
  const report: Report = {
    ...base,
    snapshots: snapshots.filter((s) => used.has(s.id)),
    findings: kept,
    summary: { total: kept.length, by_status: byStatus, gating, result: gating > 0 ? 'fail' : 'pass' },
  };
  delete report.targets;
  return report;
}

/** The same report with no findings and no snapshots (an estate with nothing to check). */
export function emptyReport(base: Report): Report {
  const report: Report = {
    ...base,
    snapshots: [],
    findings: [],
    summary: { total: 0, by_status: { pass: 0, fail: 0, unknown: 0, not_applicable: 0, error: 0, waived: 0 }, gating: 0, result: 'pass' },
  };
  delete report.targets;
  return report;
}

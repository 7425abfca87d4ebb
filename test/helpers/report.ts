import type { Report, Status } from '../../src/report/types.js';
import { runCheck } from '../../src/pipeline/run-check.js';
import { fixture } from './run.js';

let demo: Promise<Report> | undefined;

/** The demo estate's report (fixtures/demo), computed once per test file in-process. */
export function demoReport(): Promise<Report> {
  demo ??= runCheck({ configPath: fixture('demo', 'auditready.yaml') });
  return demo.then((r) => structuredClone(r));
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

import { isDeclared } from '../model/provenance.js';
import { runResult } from './gating.js';
import type { Finding, Report, Status } from './types.js';

/** Counts by status and the run's result (runResult in gating.ts: gating findings or collection errors fail it). */
export function summarize(findings: readonly Finding[], collectionErrors = 0): Report['summary'] {
  const byStatus: Record<Status, number> = { pass: 0, fail: 0, unknown: 0, not_applicable: 0, error: 0, waived: 0 };
  for (const f of findings) byStatus[f.status]++;
  const gating = findings.filter((f) => f.gating).length;
  // Findings on evidence the organization declared in a facts file, counted apart from collected ones.
  const declared: Record<Status, number> = { pass: 0, fail: 0, unknown: 0, not_applicable: 0, error: 0, waived: 0 };
  let declaredTotal = 0;
  for (const f of findings) {
    if (!isDeclared(f.evidence)) continue;
    declared[f.status]++;
    declaredTotal++;
  }
  return {
    total: findings.length,
    by_status: byStatus,
    gating,
    ...(collectionErrors > 0 ? { collection_errors: collectionErrors } : {}),
    result: runResult(gating, collectionErrors),
    declared: { total: declaredTotal, by_status: declared },
  };
}

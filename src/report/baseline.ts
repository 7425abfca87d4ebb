import { worseThan } from './diff.js';
import { type GateOptions, gateDecision } from './gating.js';
import { summarize } from './summary.js';
import type { Report } from './types.js';

/**
 * `check --baseline`: gate only on findings worse than in the baseline report; record it in the
 * report. Whether each finding gates is decided again by gateDecision (src/report/gating.ts), with
 * the run's own gate and whether the baseline already had the finding.
 */
export function applyBaseline(report: Report, baseline: Report, baselinePath: string): Report {
  const worse = worseThan(baseline);
  const gate: GateOptions = { failOn: report.run.fail_on, failOnUnknown: report.run.fail_on_unknown };
  let notGating = 0;
  let newFailures = 0;
  const findings = report.findings.map((f) => {
    if (!f.gating) return f;
    const decision = gateDecision(f, gate, !worse(f));
    if (decision.gates) {
      newFailures++;
      return f;
    }
    notGating++;
    return { ...f, gating: false };
  });
  return {
    ...report,
    run: { ...report.run, baseline: { report: baselinePath, new_failures: newFailures, not_gating: notGating } },
    summary: summarize(findings, report.collection_errors?.length ?? 0),
    findings,
  };
}

import path from 'node:path';
import type { Explorer } from './context.js';
import { findingToText, osc52, slug, viewToJson, viewToMarkdown } from './view-model/export.js';

/** Write the current filtered view to <outDir>/auditready-findings.{md,json}; returns the line to show. */
export function exportView(e: Explorer, format: 'markdown' | 'json'): string {
  const findings = e.view.map((i) => e.report.findings[i]!);
  const file = path.join(e.io.outDir, `auditready-findings.${format === 'json' ? 'json' : 'md'}`);
  const text =
    format === 'json' ? viewToJson(e.report, findings, e.state.filters, e.state.sort) : viewToMarkdown(e.report, findings, e.state.filters, e.state.sort);
  try {
    e.io.writeFile(file, text);
  } catch (err) {
    return `export failed: ${file}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`;
  }
  return `exported ${findings.length} finding${findings.length === 1 ? '' : 's'} (${format}) to ${file}`;
}

/**
 * Copy one finding's details: always to <outDir>/auditready-finding-<policy>-<tool>.txt, and also to the
 * terminal clipboard with OSC 52 when we own the terminal. The message says which happened.
 */
export function copyFinding(e: Explorer, findingIndex: number): string {
  const f = e.report.findings[findingIndex];
  if (!f) return 'nothing to copy';
  const text = findingToText(e.report, f, e.io.describe(f.policy_id));
  const file = path.join(e.io.outDir, `auditready-finding-${slug(f.policy_id, f.tool, f.resource ?? '')}.txt`);
  try {
    e.io.writeFile(file, text);
  } catch (err) {
    return `copy failed: ${file}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`;
  }
  if (e.io.sendToTerminal) {
    e.io.sendToTerminal(osc52(text));
    return `copied to the clipboard (OSC 52) and ${file}`;
  }
  return `copied to ${file}`;
}

export function htmlReportMessage(e: Explorer): string {
  return e.io.htmlReport ? `HTML report: ${e.io.htmlReport}` : 'no HTML report next to this report (make one with check --format html when available)';
}

import path from 'node:path';
import { severityRank } from '../report/types.js';
import { provenanceText } from '../model/provenance.js';
import { type EvidenceSource, type Finding, type Report, type Status, statusRank } from '../report/types.js';
import { expectedText, observedText } from '../report/values.js';

/** Readable pillar names, in report order. */
export const PILLAR_TITLES: Record<string, string> = {
  identity: 'Identity verification',
  access: 'Role-based access',
  event_tracking: 'Granular event tracking',
  centralized_logging: 'Centralized logging',
  retention: 'Retention and backup',
  time: 'Time-indexed logs',
  cross_tool: 'Across the pipeline',
};

export const STATUS_LABEL: Record<Status, string> = {
  pass: 'PASS',
  fail: 'FAIL',
  unknown: 'UNKNOWN',
  not_applicable: 'N/A',
  error: 'ERROR',
  waived: 'WAIVED',
};

/** Failing first: gating, then status (STATUSES order), severity (SEVERITIES order), then the report order. */
export function failingFirst(findings: readonly Finding[]): Finding[] {
  return findings
    .map((f, i) => ({ f, i }))
    .sort(
      (a, b) =>
        Number(b.f.gating) - Number(a.f.gating) ||
        statusRank(a.f.status) - statusRank(b.f.status) ||
        severityRank(a.f.severity) - severityRank(b.f.severity) ||
        a.i - b.i,
    )
    .map((x) => x.f);
}

/** A finding's subject: tool, or tool:resource. */
export function subject(f: Pick<Finding, 'tool' | 'resource'>): string {
  return f.resource ? `${f.tool}:${f.resource}` : f.tool;
}

/** Whether a status is a problem an auditor must look at (the ones that can gate, plus waived). */
export function isProblem(status: Status): boolean {
  return status === 'fail' || status === 'unknown' || status === 'error';
}

/**
 * Whether a finding needs someone to look at it: everything but pass and not applicable (fail,
 * unknown, error, waived, and any status this version does not know: fail closed). The terminal
 * table lists these by default.
 */
export function needsAttention(status: string): boolean {
  return status !== 'pass' && status !== 'not_applicable';
}

/** Counts per status as "2 fail, 1 unknown, 9 pass" (STATUSES order, worst first; zeros left out). */
export function statusCountsText(counts: Readonly<Record<string, number>>): string {
  return Object.keys(counts)
    .filter((s) => counts[s])
    .sort((a, b) => statusRank(a) - statusRank(b))
    .map((s) => `${counts[s]} ${s === 'not_applicable' ? 'not applicable' : s}`)
    .join(', ');
}

export interface Anchor {
  readonly file: string;
  readonly line: number;
}

/**
 * The config file and line declaring a finding's target. Reports without `targets` (older
 * versions) anchor to line 1 of the config, so every result still has a location.
 */
export function anchorFor(report: Report, tool: string): Anchor {
  // called once per finding: the targets are indexed once per report, not searched each time
  let index = anchors.get(report);
  if (!index) {
    index = new Map((report.targets ?? []).map((t) => [t.tool, { file: t.config_file, line: t.line }]));
    anchors.set(report, index);
  }
  return index.get(tool) ?? { file: report.run.config, line: 1 };
}

const anchors = new WeakMap<Report, Map<string, Anchor>>();

/** A repository-relative URI (forward slashes, percent-encoded) for a file path. */
export function relativeUri(file: string, baseDir: string = process.cwd()): string {
  const rel = path.isAbsolute(file) ? path.relative(baseDir, file) : file;
  return encodeURI(rel.split(path.sep).join('/'));
}

/** Frameworks as "soc2 CC6.1, CC6.6; pci-dss 8.4.1". */
export function frameworksText(frameworks: Record<string, string[]>): string {
  return Object.keys(frameworks)
    .sort()
    .map((k) => `${k} ${(frameworks[k] ?? []).join(', ')}`)
    .join('; ');
}

/** A command source: "`chronyc -c tracking` line 1 (exit 0, output sha256 3f9a…)". */
function commandText(s: EvidenceSource): string {
  const exit = s.exit_status !== undefined ? `exit ${s.exit_status}` : '';
  const hash = s.sha256 ? `output sha256 ${s.sha256.slice(0, 16)}…` : '';
  const about = [exit, hash].filter(Boolean).join(', ');
  return `\`${s.command}\`${s.line ? ` line ${s.line}` : ''}${about ? ` (${about})` : ''}`;
}

/**
 * Where one fact was read: "argocd/argocd-cm.yaml:14:3 /data/admin.enabled", the endpoint, or the
 * command run; "(default: ...)" for an absent setting.
 */
export function sourceText(s: EvidenceSource): string {
  const where = s.file
    ? `${s.file}${s.line ? `:${s.line}${s.column ? `:${s.column}` : ''}` : ''}${s.pointer ? ` ${s.pointer}` : ''}`
    : (s.endpoint ?? (s.command ? commandText(s) : ''));
  if (!where) return `documented default: ${s.default ?? '(none)'}`;
  return `${where}${s.default ? ` (documented default: ${s.default})` : ''}`;
}

/** The fact a source is for: "identity.local_accounts", or "loki/central audit_log.retention_days" in another tool. */
export function sourceFact(s: EvidenceSource): string {
  return s.tool ? `${s.tool} ${s.fact}` : s.fact;
}

/** "fact: where" for each source of a finding. */
function sourceLines(f: Finding): string[] {
  return (f.evidence.sources ?? []).map((s) => `${sourceFact(s)}: ${sourceText(s)}`);
}

/** One line per tool whose input could not be collected: every report says so in its summary. */
export function collectionErrorLines(report: Report): string[] {
  return (report.collection_errors ?? []).map((e) => `could not collect ${e.tool}: ${e.message}`);
}

/** Evidence for one finding as plain text lines (JUnit body, Markdown details). */
export function evidenceLines(f: Finding): string[] {
  const lines: string[] = [];
  lines.push(`policy: ${f.policy_id} ${f.title} (${f.severity}, ${f.pillar})`);
  lines.push(`subject: ${subject(f)} (${f.tool_type})`);
  lines.push(`status: ${f.status}${f.gating ? ' (gates the run)' : ''}: ${f.message}`);
  for (const key of Object.keys({ ...f.expected, ...f.observed }).sort()) {
    lines.push(`  ${key}: observed ${observedText(f.observed[key])}, expected ${expectedText(f.expected[key])}`);
  }
  for (const g of f.gaps) lines.push(`gap: ${g.fact}: ${g.reason}: ${g.detail}${g.permission ? ` (needs ${g.permission})` : ''}`);
  lines.push(
    `evidence (${provenanceText(f.evidence)}): ${f.evidence.collector}/${f.evidence.method} ${f.evidence.location} collected ${f.evidence.collected_at} sha256 ${f.evidence.sha256}`,
  );
  if (f.evidence.pointers.length > 0) lines.push(`pointers: ${f.evidence.pointers.join(' ')}`);
  for (const l of sourceLines(f)) lines.push(`read at: ${l}`);
  if (f.waiver) {
    const w = f.waiver;
    lines.push(
      `waiver${w.id ? ` ${w.id}` : ''}: ${w.justification} (approved by ${w.approver} on ${w.approved_on}, expires ${w.expires_on}; was ${w.waived_status})`,
    );
  }
  const fw = frameworksText(f.frameworks);
  if (fw) lines.push(`frameworks: ${fw}`);
  if (f.remediation.trim()) lines.push(`remediation: ${f.remediation.trim()}`);
  return lines;
}

/**
 * Where a finding points in the repository: the file and line its first fact was read from
 * (e.g. argocd/argocd-cm.yaml:14:3), else the config line declaring its target (a remote service).
 */
export function findingLocation(report: Report, f: Finding): { file: string; line: number; column?: number } {
  const read = (f.evidence.sources ?? []).find((s) => s.file && s.line);
  if (read) return { file: read.file!, line: read.line!, ...(read.column ? { column: read.column } : {}) };
  return anchorFor(report, f.tool);
}

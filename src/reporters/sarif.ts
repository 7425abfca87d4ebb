// SARIF 2.1.0 for GitHub code scanning.
// https://docs.github.com/en/code-security/reference/code-scanning/sarif-files/sarif-support-for-code-scanning
// Findings are about remote services, so every result is anchored to the config line that
// declares the target. Passing and not-applicable findings are not results (GitHub would show
// them as alerts); waived ones are results with an external, accepted suppression.
import { sha256 } from '../util/hash.js';
import type { Finding, Report } from '../report/types.js';
import { anchorFor, frameworksText, isProblem, PILLAR_TITLES, relativeUri, sourceFact, subject } from './common.js';
import { expectedText, observedText } from '../report/values.js';
import { jsonChunks } from './chunks.js';
import { defineReporter, type RenderOptions, type Reporter } from './types.js';

/** GitHub rejects a run with more results than this (it keeps the first 5,000). */
const SARIF_MAX_RESULTS = 25_000;
const MAX_TEXT = 1024;
const MAX_TAGS = 10;

/** GitHub's security-severity bands: > 9.0 critical, 7.0–8.9 high, 4.0–6.9 medium, 0.1–3.9 low. */
const SECURITY_SEVERITY = { critical: '9.5', high: '8.0', medium: '5.5', low: '3.0' } as const;
const LEVEL = { critical: 'error', high: 'error', medium: 'warning', low: 'note' } as const;
const PROBLEM_SEVERITY = { critical: 'error', high: 'error', medium: 'warning', low: 'recommendation' } as const;

function clip(text: string, max = MAX_TEXT): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** Stable per policy × tool × resource, whatever the line or message. */
export function fingerprint(f: Pick<Finding, 'policy_id' | 'tool' | 'resource'>): string {
  return sha256(`${f.policy_id}\u0000${f.tool}\u0000${f.resource ?? ''}`);
}

function rule(f: Finding): Record<string, unknown> {
  const frameworks = frameworksText(f.frameworks);
  const pillar = PILLAR_TITLES[f.pillar] ?? f.pillar;
  const full = `${f.title}. Pillar: ${pillar}. Severity: ${f.severity}.${frameworks ? ` Controls: ${frameworks}.` : ''}`;
  const remediation = f.remediation.trim() || 'See the policy documentation.';
  const tags = ['security', 'compliance', f.pillar, ...Object.keys(f.frameworks).sort()].slice(0, MAX_TAGS);
  return {
    id: f.policy_id,
    name: f.policy_id.replace(/-/g, ''),
    shortDescription: { text: clip(f.title) },
    fullDescription: { text: clip(full) },
    help: {
      text: clip(`${f.title}\n\nRemediation:\n${remediation}${frameworks ? `\n\nControls: ${frameworks}` : ''}`, 10_000),
      markdown: clip(
        `**${f.title}** (${f.severity}, ${pillar})\n\n**Remediation**\n\n${remediation}${frameworks ? `\n\n**Controls**: ${frameworks}` : ''}`,
        10_000,
      ),
    },
    defaultConfiguration: { level: LEVEL[f.severity] },
    properties: {
      tags,
      precision: 'very-high',
      'problem.severity': PROBLEM_SEVERITY[f.severity],
      'security-severity': SECURITY_SEVERITY[f.severity],
    },
  };
}

/**
 * Where a result points: the file and line each fact the policy read came from (the first one is
 * the primary location, e.g. argocd/argocd-cm.yaml:14), else the config line declaring the target.
 */
function physical(file: string, line: number, column: number | undefined, options: RenderOptions): Record<string, unknown> {
  return {
    artifactLocation: { uri: relativeUri(file, options.baseDir) },
    region: { startLine: line, ...(column ? { startColumn: column } : {}) },
  };
}

function result(report: Report, f: Finding, ruleIndex: number, options: RenderOptions): Record<string, unknown> {
  const anchor = anchorFor(report, f.tool);
  const read = (f.evidence.sources ?? []).filter((s) => s.file && s.line);
  const primary = read[0];
  const related = [
    ...read
      .slice(1)
      .map((s) => ({ location: physical(s.file!, s.line!, s.column, options), text: `${sourceFact(s)}${s.default ? ' (documented default)' : ''}` })),
    ...(primary ? [{ location: physical(anchor.file, anchor.line, undefined, options), text: `target ${f.tool} declared here` }] : []),
  ];
  const name = subject(f);
  const facts = Object.keys({ ...f.expected, ...f.observed })
    .sort()
    .map((k) => `${k} observed ${observedText(f.observed[k])}, expected ${expectedText(f.expected[k])}`);
  const status = f.status === 'waived' ? `waived (was ${f.waiver?.waived_status ?? 'fail'})` : f.status;
  const text = clip(`${name}: ${f.message} [${status}]${facts.length ? `. ${facts.join('; ')}` : ''}`, 4000);
  const fp = fingerprint(f);
  const out: Record<string, unknown> = {
    ruleId: f.policy_id,
    ruleIndex,
    level: f.status === 'error' ? 'error' : LEVEL[f.severity],
    // SARIF §3.27.9: a level other than "none" requires kind "fail" (unknown gates like a failure).
    kind: 'fail',
    message: { text },
    locations: [
      {
        physicalLocation: primary ? physical(primary.file!, primary.line!, primary.column, options) : physical(anchor.file, anchor.line, undefined, options),
        logicalLocations: [{ fullyQualifiedName: name, name: f.resource ?? f.tool, kind: 'resource' }],
      },
    ],
    ...(related.length ? { relatedLocations: related.map((r, i) => ({ id: i + 1, physicalLocation: r.location, message: { text: r.text } })) } : {}),
    partialFingerprints: {
      // A distinct hash per (rule, resource): all targets share one config file, so the
      // line-based hash upload-sarif would compute could merge alerts.
      primaryLocationLineHash: `${fp.slice(0, 16)}:1`,
      'auditready/v1': fp,
    },
    properties: {
      status: f.status,
      severity: f.severity,
      gating: f.gating,
      tool: f.tool,
      tool_type: f.tool_type,
      ...(f.resource ? { resource: f.resource } : {}),
      evidence_sha256: f.evidence.sha256,
      evidence_location: f.evidence.location,
      collected_at: f.evidence.collected_at,
      ...(f.gaps.length ? { gaps: f.gaps.map((g) => `${g.fact}: ${g.reason}: ${g.detail}`) } : {}),
    },
  };
  if (f.status === 'waived' && f.waiver) {
    const w = f.waiver;
    out.suppressions = [
      {
        kind: 'external',
        status: 'accepted',
        justification: clip(`${w.id ? `${w.id}: ` : ''}${w.justification} (approved by ${w.approver} on ${w.approved_on}, expires ${w.expires_on})`),
        properties: { ...(w.id ? { waiver_id: w.id } : {}), approver: w.approver, expires_on: w.expires_on },
      },
    ];
  }
  return out;
}

function render(report: Report, options: RenderOptions): Iterable<string> {
  const reported = report.findings.filter((f) => isProblem(f.status) || f.status === 'waived');
  const kept = reported.slice(0, SARIF_MAX_RESULTS);
  const ruleIds = [...new Set(report.findings.map((f) => f.policy_id))].sort();
  const firstOf = new Map<string, Finding>();
  for (const f of report.findings) if (!firstOf.has(f.policy_id)) firstOf.set(f.policy_id, f);
  const rules = ruleIds.map((id) => rule(firstOf.get(id)!));
  const indexOf = new Map(ruleIds.map((id, i) => [id, i]));
  const notifications = [
    // A tool whose input could not be read: the run did not complete for it.
    ...(report.collection_errors ?? []).map((e) => ({
      level: 'error',
      message: { text: `could not collect ${e.tool}: ${e.message}` },
      descriptor: { id: 'collection_error' },
      ...(e.file && e.line ? { locations: [{ physicalLocation: physical(e.file, e.line, e.column, options) }] } : {}),
    })),
    ...(report.warnings ?? []).map((w) => ({ level: 'warning', message: { text: w.message }, descriptor: { id: w.kind } })),
    ...(kept.length < reported.length
      ? [
          {
            level: 'warning',
            message: { text: `${reported.length - kept.length} results left out: GitHub accepts at most ${SARIF_MAX_RESULTS} per run` },
          },
        ]
      : []),
  ];
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'auditready',
            semanticVersion: report.tool.version,
            rules,
          },
        },
        automationDetails: { id: `auditready/${report.run.profile}/` },
        invocations: [
          {
            executionSuccessful: (report.collection_errors ?? []).length === 0,
            startTimeUtc: report.run.started_at,
            endTimeUtc: report.run.finished_at,
            ...(notifications.length ? { toolExecutionNotifications: notifications } : {}),
          },
        ],
        results: kept.map((f) => result(report, f, indexOf.get(f.policy_id)!, options)),
        properties: {
          as_of: report.run.as_of,
          profile: report.run.profile,
          config_sha256: report.run.config_sha256,
          policies_digest: report.run.policy_bundle.policies_digest,
          summary: report.summary,
        },
      },
    ],
  };
  return jsonChunks(log);
}

export const sarifReporter: Reporter = defineReporter({
  name: 'sarif',
  extension: 'sarif',
  chunks: render,
});

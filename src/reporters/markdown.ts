// Markdown for pull-request comments and CI job summaries ($GITHUB_STEP_SUMMARY, GitLab notes):
// summary counts, failing findings first, details collapsed. GitHub comments hold 65,536
// characters, so per-finding details stop at a budget and say how many were left out.
import { headlineWarnings } from '../report/as-of.js';
import { CONTROL_LABEL, reportControls } from '../report/control-state.js';
import { controlDetails, policyCounts } from '../report/controls.js';
import type { Finding, Report, Status } from '../report/types.js';
import { collectionErrorLines, evidenceLines, failingFirst, isProblem, PILLAR_TITLES, STATUS_LABEL, subject } from './common.js';
import { defineReporter, type Reporter } from './types.js';

/** Stay under GitHub's 65,536-character comment limit. */
export const MARKDOWN_BUDGET = 60_000;

const ICON: Record<Status, string> = {
  pass: '✅',
  fail: '❌',
  unknown: '❓',
  not_applicable: '➖',
  error: '💥',
  waived: '🛡️',
};

/** Escape a table cell: pipes, newlines, and HTML-looking text. */
function cell(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/</g, '&lt;').replace(/\r?\n/g, ' ');
}

function row(f: Finding): string {
  const w = f.waiver;
  const message = w ? `${f.message} (waived${w.id ? ` by ${w.id}` : ''} until ${w.expires_on}, approved by ${w.approver})` : f.message;
  return `| ${ICON[f.status]} ${STATUS_LABEL[f.status]}${f.gating ? ' · gates' : ''} | ${f.severity} | ${f.policy_id} | ${cell(subject(f))} | ${cell(message)} |`;
}

const HEADER = '| Status | Severity | Policy | Tool | Message |\n|---|---|---|---|---|';

/** A findings table of at most `budget` characters; rows that do not fit are counted in a last row. */
function table(findings: readonly Finding[], budget = Infinity): string {
  const rows: string[] = [];
  let used = HEADER.length;
  for (const f of findings) {
    const r = row(f);
    if (used + r.length + 80 > budget) break;
    rows.push(r);
    used += r.length + 1;
  }
  const left = findings.length - rows.length;
  if (left) rows.push(`| … | | | | ${left} more not shown (see the JSON or HTML report) |`);
  return `${HEADER}\n${rows.join('\n')}`;
}

function details(f: Finding): string {
  const body = evidenceLines(f).map((l) => l.replace(/</g, '&lt;'));
  return `<details><summary>${ICON[f.status]} ${f.policy_id} · ${cell(subject(f))} · ${cell(f.title)}</summary>\n\n\`\`\`text\n${body
    .join('\n')
    .replace(/```/g, "'''")}\n\`\`\`\n\n</details>`;
}

function render(report: Report): string {
  const { summary, run } = report;
  const s = summary.by_status;
  const out: string[] = [];
  const notCollected = summary.collection_errors ? `, ${summary.collection_errors} tool${summary.collection_errors === 1 ? '' : 's'} not collected` : '';
  out.push(`## auditready: ${summary.result === 'fail' ? '❌ FAIL' : '✅ PASS'} (${summary.gating} gating${notCollected})`);
  out.push('');
  for (const w of headlineWarnings(report)) out.push(`> [!WARNING]\n> ${w.message.replace(/</g, '&lt;')}`, '');
  out.push(
    `Profile \`${run.profile}\` · as of ${run.as_of} · ${report.snapshots.length} tools · ${summary.total} findings · gate: ${run.fail_on} and above${run.fail_on_unknown ? ', unknown gates' : ', unknown does not gate'}`,
  );
  out.push('');
  out.push('| ✅ Pass | ❌ Fail | ❓ Unknown | 💥 Error | 🛡️ Waived | ➖ N/A | Gating |');
  out.push('|---:|---:|---:|---:|---:|---:|---:|');
  out.push(`| ${s.pass} | ${s.fail} | ${s.unknown} | ${s.error} | ${s.waived} | ${s.not_applicable} | ${summary.gating} |`);
  const d = summary.declared;
  if (d?.total) {
    out.push(
      '',
      `${d.total} of the ${summary.total} findings rest on evidence **declared** in facts files, not collected from the tools (${d.by_status.pass} pass, ${d.by_status.fail} fail, ${d.by_status.unknown} unknown).`,
    );
  }
  // Expired, not yet valid, unmatched or unneeded waivers: an auditor must see these.
  for (const w of report.warnings ?? []) if (w.kind !== 'as_of_distant') out.push('', `> ⚠️ ${w.message.replace(/</g, '&lt;')}`);
  // A tool whose input could not be read: its facts are unknown and the run fails.
  for (const line of collectionErrorLines(report)) out.push('', `> ❌ **${line.replace(/</g, '&lt;')}**`);

  // Controls not satisfied per framework (src/report/control-state.ts), so a reviewer sees which
  // audit requirements are at stake before the individual findings.
  const controls = reportControls(report);
  if (controls.size) {
    out.push('');
    out.push('<details><summary>Controls not satisfied</summary>\n');
    out.push('| Framework | Satisfied | Not satisfied | Controls (state: policies) |\n|---|---:|---:|---|');
    for (const [fw, rows] of controls) {
      const bad = rows.filter((r) => r.state !== 'satisfied');
      const list = bad
        .map(
          (r) =>
            `${r.id} ${CONTROL_LABEL[r.state]}: ${[...r.policies.map(policyCounts), ...controlDetails(r).filter((n) => !n.startsWith('scope'))].join(', ')}`,
        )
        .join('; ');
      out.push(`| ${fw} | ${rows.length - bad.length} of ${rows.length} | ${bad.length} | ${cell(list) || '—'} |`);
    }
    out.push('\n</details>');
  }

  const ordered = failingFirst(report.findings);
  const problems = ordered.filter((f) => isProblem(f.status));
  out.push('');
  if (problems.length) {
    out.push(`### Failing (${problems.length})`);
    out.push('');
    out.push(table(problems, MARKDOWN_BUDGET * 0.5));
  } else {
    out.push('### Failing (0)');
    out.push('');
    out.push('Nothing fails.');
  }

  // Pass rate by pillar, so reviewers see which area of the audit is weak.
  const pillars = [...new Set(report.findings.map((f) => f.pillar))];
  if (pillars.length) {
    out.push('');
    out.push('<details><summary>By pillar</summary>\n');
    out.push('| Pillar | Pass | Fail | Unknown | Other |\n|---|---:|---:|---:|---:|');
    for (const p of pillars) {
      const fs = report.findings.filter((f) => f.pillar === p);
      const n = (st: Status) => fs.filter((f) => f.status === st).length;
      out.push(`| ${PILLAR_TITLES[p] ?? p} | ${n('pass')} | ${n('fail')} | ${n('unknown')} | ${fs.length - n('pass') - n('fail') - n('unknown')} |`);
    }
    out.push('\n</details>');
  }

  for (const [title, status] of [
    ['Waived', 'waived'],
    ['Passing', 'pass'],
    ['Not applicable', 'not_applicable'],
  ] as const) {
    const fs = ordered.filter((f) => f.status === status);
    if (!fs.length) continue;
    const room = (MARKDOWN_BUDGET * 0.8 - out.join('\n').length) / 2;
    out.push('');
    out.push(`<details><summary>${title} (${fs.length})</summary>\n\n${table(fs, room)}\n\n</details>`);
  }

  // Evidence of the problems, most important first, within the budget.
  const head = out.join('\n');
  const blocks: string[] = [];
  let used = head.length + 200;
  let left = 0;
  for (const f of [...problems, ...ordered.filter((g) => g.status === 'waived')]) {
    const d = details(f);
    if (used + d.length > MARKDOWN_BUDGET) {
      left++;
      continue;
    }
    used += d.length + 1;
    blocks.push(d);
  }
  const tail: string[] = [];
  if (blocks.length) tail.push('', '### Evidence', '', blocks.join('\n'));
  if (left) tail.push('', `_${left} more findings left out to fit a pull-request comment; see the JSON or HTML report._`);
  tail.push(
    '',
    `<sub>auditready ${report.tool.version} · config sha256 \`${run.config_sha256.slice(0, 12)}\` · policies \`${run.policy_bundle.policies_digest.slice(0, 12)}\`</sub>`,
  );
  return `${head + tail.join('\n')}\n`;
}

export const markdownReporter: Reporter = defineReporter({
  name: 'markdown',
  extension: 'md',
  // one piece: the text stays within MARKDOWN_BUDGET whatever the estate's size
  chunks: (report) => [render(report)],
});

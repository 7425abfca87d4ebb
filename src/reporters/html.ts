// One self-contained HTML file: no network (a CSP forbids it), charts as inline SVG, a filterable
// findings table with the evidence of each finding, and a framework view. Rows are rendered on
// the server side, so the report reads without JavaScript; the script only filters.
import { groupBy } from '../util/group.js';
import { SEVERITIES } from '../report/types.js';
import { provenance, provenanceText } from '../model/provenance.js';
import { headlineWarnings } from '../report/as-of.js';
import { CONTROL_LABEL, CONTROL_RULE, CONTROL_STATES, CONTROL_TONE, reportControls, stateCounts } from '../report/control-state.js';
import { frameworkCatalog } from '../report/frameworks.js';
import { controlDetails } from '../report/controls.js';
import { type Finding, type Report, STATUSES, type Status } from '../report/types.js';
import { collectionErrorLines, failingFirst, frameworksText, PILLAR_TITLES, STATUS_LABEL, sourceFact, sourceText, subject } from './common.js';
import { expectedText, observedText } from '../report/values.js';
import { fillSlot, joinedChunks } from './chunks.js';
import { defineReporter, type EvidenceFile, type RenderOptions, type Reporter } from './types.js';
import { xmlEscape as h } from './xml.js';

const COLOR: Record<Status, string> = {
  pass: '#2e7d32',
  fail: '#c62828',
  unknown: '#ef6c00',
  error: '#6a1b9a',
  waived: '#00838f',
  not_applicable: '#9e9e9e',
};
/**
 * Severity has its own palette, one hue (indigo) from dark to light, so it never reads as a status
 * (red fail, orange unknown, …); every use also writes the severity as text.
 */
const SEV_COLOR: Record<string, string> = { critical: '#1a237e', high: '#3949ab', medium: '#7986cb', low: '#c5cae9' };
const SEV_TEXT: Record<string, string> = { critical: '#fff', high: '#fff', medium: '#000', low: '#000' };

const CSS = `
*{box-sizing:border-box}body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0;color:#1b1b1b;background:#f6f7f9}
header{background:#14213d;color:#fff;padding:16px 24px}.banner{margin-top:8px;padding:8px 12px;background:#ffe082;color:#3e2723;border-radius:4px;font-weight:600}header h1{margin:0 0 4px;font-size:20px}header .meta{opacity:.85;font-size:12px}
main{padding:16px 24px;max-width:1400px}section{background:#fff;border:1px solid #dde1e6;border-radius:6px;padding:12px 16px;margin:0 0 16px}
h2{font-size:16px;margin:0 0 8px}.badge{display:inline-block;padding:2px 8px;border-radius:10px;color:#fff;font-weight:600;font-size:12px}
.cards{display:flex;flex-wrap:wrap;gap:8px}.card{border:1px solid #dde1e6;border-radius:6px;padding:8px 12px;min-width:110px}.card b{font-size:20px;display:block}
.charts{display:grid;grid-template-columns:repeat(auto-fit,minmax(320px,1fr));gap:16px}svg text{font:12px system-ui,sans-serif}
table{border-collapse:collapse;width:100%}th,td{text-align:left;padding:4px 6px;border-bottom:1px solid #eceff1;vertical-align:top}th{background:#f0f2f5;position:sticky;top:0}
.filters{display:flex;flex-wrap:wrap;gap:8px;align-items:center;margin-bottom:8px}.filters label{font-size:12px}select,input{font:inherit;padding:2px 4px}
details>summary{cursor:pointer;color:#14213d}pre{white-space:pre-wrap;word-break:break-word;background:#f6f7f9;padding:6px;margin:4px 0;font-size:12px}
tr.hidden{display:none}td.nowrap{white-space:nowrap}figure{margin:0}.gates{font-weight:600;color:#c62828}.mono{font-family:ui-monospace,monospace;font-size:12px}
.st{font-weight:600}#warnings{color:#8a4b00;margin:8px 0;padding-left:18px}#collection-errors{color:#b00020;margin:8px 0;padding-left:18px;font-weight:600}
.sev{display:inline-block;padding:0 6px;border-radius:3px;font-size:12px;font-weight:600}.legend{font-size:12px;margin:4px 0}.legend span{margin-right:10px}.swatch{display:inline-block;width:10px;height:10px;margin-right:3px;vertical-align:baseline}
#executive dl{display:grid;grid-template-columns:max-content 1fr;gap:4px 16px;margin:0 0 12px}#executive dt{font-weight:600}#executive dd{margin:0}
@media print{
*{-webkit-print-color-adjust:exact;print-color-adjust:exact}body{background:#fff;font-size:11px}main{padding:0;max-width:none}
header{background:#fff;color:#000;border-bottom:2px solid #14213d;padding:0 0 8px}header .meta{opacity:1}
section{border:none;padding:0;margin:0 0 12px}th{position:static}tr{break-inside:avoid}.filters{display:none}
details::details-content{content-visibility:visible;display:block}details>summary{list-style:none}details>summary::-webkit-details-marker{display:none}
}`;

const SCRIPT = `
(function () {
  var ids = ['f-status', 'f-severity', 'f-tool', 'f-pillar', 'f-framework', 'f-search', 'f-gating'];
  var el = {};
  ids.forEach(function (id) { el[id] = document.getElementById(id); });
  var rows = Array.prototype.slice.call(document.querySelectorAll('#findings tbody tr.finding'));
  var controls = JSON.parse(document.getElementById('policy-controls').textContent);
  var texts = rows.map(function (r) { return r.textContent.toLowerCase(); });
  var shown = document.getElementById('shown');
  function apply() {
    var st = el['f-status'].value, sev = el['f-severity'].value, tool = el['f-tool'].value, pil = el['f-pillar'].value;
    var fw = el['f-framework'].value, q = el['f-search'].value.trim().toLowerCase(), g = el['f-gating'].checked;
    var n = 0;
    rows.forEach(function (r, i) {
      var d = r.dataset;
      var ok = (!st || d.status === st) && (!sev || d.severity === sev) && (!tool || d.tool === tool) && (!pil || d.pillar === pil) &&
        (!fw || (controls[d.policy] || '').indexOf(' ' + fw + ' ') >= 0) && (!g || d.gating === 'true') && (!q || texts[i].indexOf(q) >= 0);
      r.classList.toggle('hidden', !ok);
      if (ok) n++;
    });
    shown.textContent = String(n);
  }
  ids.forEach(function (id) { el[id].addEventListener(id === 'f-search' ? 'input' : 'change', apply); });
  // Deep links: report.html#status=fail&tool=jenkins/ci-prod
  var params = new URLSearchParams(location.hash.slice(1));
  ['status', 'severity', 'tool', 'pillar', 'framework', 'search'].forEach(function (k) {
    var v = params.get(k);
    if (v !== null) el['f-' + k].value = v;
  });
  if (params.get('gating') === '1') el['f-gating'].checked = true;
  document.querySelectorAll('[data-filter-framework]').forEach(function (a) {
    a.addEventListener('click', function (e) {
      e.preventDefault();
      el['f-framework'].value = a.getAttribute('data-filter-framework');
      apply();
      document.getElementById('findings').scrollIntoView();
    });
  });
  function openTarget() {
    var t = location.hash.length > 1 ? document.getElementById(decodeURIComponent(location.hash.slice(1))) : null;
    if (t && t.tagName === 'DETAILS') t.open = true;
  }
  // Printing (and PDF): every evidence section expanded, as the print stylesheet shows it; closed
  // again afterwards. For browsers without ::details-content in CSS.
  var opened = [];
  window.addEventListener('beforeprint', function () {
    document.querySelectorAll('details:not([open])').forEach(function (d) { d.open = true; opened.push(d); });
  });
  window.addEventListener('afterprint', function () {
    opened.forEach(function (d) { d.open = false; });
    opened = [];
  });
  window.addEventListener('hashchange', openTarget);
  openTarget();
  apply();
})();`;

function options(values: readonly string[], labels?: (v: string) => string): string {
  return ['<option value="">all</option>', ...values.map((v) => `<option value="${h(v)}">${h(labels ? labels(v) : v)}</option>`)].join('');
}

/** Horizontal bars: pass rate per group (pass / applicable checks), with the status mix. */
function rateChart(title: string, groups: [string, Finding[]][], id: string): string {
  const rowH = 22;
  const labelW = 170;
  const barW = 260;
  const height = groups.length * rowH + 8;
  const bars = groups
    .map(([label, fs], i) => {
      const applicable = fs.filter((f) => f.status !== 'not_applicable');
      const pass = applicable.filter((f) => f.status === 'pass').length;
      const rate = applicable.length ? Math.round((pass / applicable.length) * 100) : 100;
      let x = labelW;
      const segs = STATUSES.filter((s) => s !== 'not_applicable')
        .map((s) => {
          const n = applicable.filter((f) => f.status === s).length;
          if (!n) return '';
          const w = (n / applicable.length) * barW;
          const seg = `<rect x="${x.toFixed(1)}" y="${i * rowH + 4}" width="${w.toFixed(1)}" height="${rowH - 8}" fill="${COLOR[s]}"><title>${h(
            `${label}: ${n} ${s}`,
          )}</title></rect>`;
          x += w;
          return seg;
        })
        .join('');
      return `<text x="0" y="${i * rowH + 16}">${h(label)}</text>${segs}<text x="${labelW + barW + 6}" y="${i * rowH + 16}">${rate}%</text>`;
    })
    .join('');
  return `<figure id="${id}"><figcaption><b>${h(title)}</b></figcaption><svg role="img" aria-label="${h(title)}" viewBox="0 0 ${labelW + barW + 50} ${height}" style="width:100%;max-width:${labelW + barW + 50}px;height:auto">${bars}</svg></figure>`;
}

/** Problems (fail, unknown, error) by severity as a bar chart. */
function severityChart(findings: readonly Finding[]): string {
  const problems = findings.filter((f) => f.status === 'fail' || f.status === 'unknown' || f.status === 'error');
  const counts = SEVERITIES.map((s) => problems.filter((f) => f.severity === s).length);
  const max = Math.max(1, ...counts);
  const bars = SEVERITIES.map((s, i) => {
    const w = (counts[i]! / max) * 240;
    return `<text x="0" y="${i * 24 + 16}">${s}</text><rect x="70" y="${i * 24 + 4}" width="${w.toFixed(1)}" height="16" fill="${SEV_COLOR[s]}"></rect><text x="${(
      76 + w
    ).toFixed(1)}" y="${i * 24 + 16}">${counts[i]}</text>`;
  }).join('');
  return `<figure id="chart-severity"><figcaption><b>Open problems by severity</b> (fail, unknown, error)</figcaption><svg role="img" aria-label="Open problems by severity" viewBox="0 0 360 ${SEVERITIES.length * 24 + 8}" style="width:100%;max-width:360px;height:auto">${bars}</svg></figure>`;
}

function group(findings: readonly Finding[], key: (f: Finding) => string): [string, Finding[]][] {
  const m = new Map<string, Finding[]>();
  for (const [k, fs] of groupBy(findings, key)) m.set(k, fs);
  return [...m.entries()];
}

function evidence(f: Finding): string {
  const facts = Object.keys({ ...f.expected, ...f.observed }).sort();
  const factRows = facts
    .map(
      (k) =>
        `<tr><td class="mono">${h(k)}</td><td class="mono">${h(observedText(f.observed[k]))}</td><td class="mono">${h(expectedText(f.expected[k]))}</td></tr>`,
    )
    .join('');
  const parts = [
    facts.length ? `<table><thead><tr><th>Fact</th><th>Observed</th><th>Expected</th></tr></thead><tbody>${factRows}</tbody></table>` : '',
    f.gaps.length
      ? `<p><b>Gaps</b></p><ul>${f.gaps.map((g) => `<li><span class="mono">${h(g.fact)}</span>: ${h(g.reason)}: ${h(g.detail)}${g.permission ? ` (needs ${h(g.permission)})` : ''}</li>`).join('')}</ul>`
      : '',
    `<p><b>Evidence</b>: ${h(f.evidence.collector)}/${h(f.evidence.method)} <span class="mono">${h(f.evidence.location)}</span>, collected ${h(
      f.evidence.collected_at,
    )}, sha256 <span class="mono">${h(f.evidence.sha256)}</span>${
      f.evidence.pointers.length ? `; facts <span class="mono">${h(f.evidence.pointers.join(' '))}</span>` : ''
    }</p>`,
    f.evidence.sources?.length
      ? `<p><b>Read at</b></p><ul class="sources">${f.evidence.sources.map((s) => `<li><span class="mono">${h(sourceFact(s))}</span>: <span class="mono">${h(sourceText(s))}</span></li>`).join('')}</ul>`
      : '',
    f.waiver
      ? `<p><b>Waiver${f.waiver.id ? ` ${h(f.waiver.id)}` : ''}</b>: ${h(f.waiver.justification)} (approved by ${h(f.waiver.approver)} on ${h(
          f.waiver.approved_on,
        )}, expires ${h(f.waiver.expires_on)}; was ${h(f.waiver.waived_status)})</p>`
      : '',
    // Controls and remediation are the policy's: shown once, in the policies section.
    `<p><a href="#${policyAnchor(f.policy_id)}">Controls and remediation of ${h(f.policy_id)}</a></p>`,
  ];
  return `<details><summary>evidence</summary>${parts.join('')}</details>`;
}

/** The severity as a labelled badge in the severity palette. */
function severityBadge(severity: string): string {
  return `<span class="sev" data-severity="${h(severity)}" style="background:${SEV_COLOR[severity] ?? '#555'};color:${SEV_TEXT[severity] ?? '#fff'}">${h(severity)}</span>`;
}

/** What each colour of a status chart means, in words. */
function statusLegend(): string {
  return `<p class="legend">${STATUSES.filter((s) => s !== 'not_applicable')
    .map((s) => `<span><i class="swatch" style="background:${COLOR[s]}"></i>${STATUS_LABEL[s]}</span>`)
    .join('')}</p>`;
}

function findingRow(f: Finding): string {
  return `<tr class="finding" data-status="${f.status}" data-severity="${f.severity}" data-tool="${h(f.tool)}" data-pillar="${h(f.pillar)}" data-gating="${f.gating}" data-policy="${h(
    f.policy_id,
  )}"><td class="st" style="color:${COLOR[f.status]}">${STATUS_LABEL[f.status]}${f.gating ? ' <span class="gates">gates</span>' : ''}</td><td>${severityBadge(f.severity)}</td><td class="mono nowrap">${h(
    f.policy_id,
  )}</td><td>${h(f.title)}</td><td class="mono">${h(subject(f))}</td><td>${h(f.message)}${evidence(f)}</td></tr>`;
}

/** Policy id → " soc2 soc2:CC6.1 … " for the control filter (once per policy, not per row). */
function policyControls(findings: readonly Finding[]): string {
  const map: Record<string, string> = {};
  for (const f of findings) {
    if (map[f.policy_id] !== undefined) continue;
    map[f.policy_id] = ` ${Object.entries(f.frameworks)
      .flatMap(([k, ids]) => [k, ...ids.map((id) => `${k}:${id}`)])
      .join(' ')} `;
  }
  // Inside <script>: never let the data close the element.
  return JSON.stringify(map).replace(/</g, '\\u003c');
}

function policyAnchor(id: string): string {
  return `policy-${id.replace(/[^A-Za-z0-9_-]/g, '_')}`;
}

/** Each policy once: title, severity, pillar, controls, remediation (rows link here). */
function policyView(findings: readonly Finding[]): string {
  const first = new Map<string, Finding>();
  for (const f of findings) if (!first.has(f.policy_id)) first.set(f.policy_id, f);
  return [...first.keys()]
    .sort()
    .map((id) => {
      const f = first.get(id)!;
      return `<details class="policy" id="${policyAnchor(id)}"><summary><span class="mono">${h(id)}</span> ${h(f.title)} (${h(f.severity)}, ${h(
        PILLAR_TITLES[f.pillar] ?? f.pillar,
      )})</summary>${Object.keys(f.frameworks).length ? `<p><b>Controls</b>: ${h(frameworksText(f.frameworks))}</p>` : ''}${
        f.remediation.trim() ? `<p><b>Remediation</b></p><pre>${h(f.remediation.trim())}</pre>` : ''
      }</details>`;
    })
    .join('\n');
}

type Controls = ReturnType<typeof reportControls>;

/**
 * The executive summary: result, scope (tools by type), when, by whom, profile, and the result per
 * framework from its controls' states (src/report/control-state.ts, the one rule).
 */
function executiveSummary(report: Report, controls: Controls, opts: RenderOptions): string {
  const { run, summary } = report;
  const types = new Map<string, number>();
  for (const s of report.snapshots) types.set(s.type, (types.get(s.type) ?? 0) + 1);
  const scope = [...types]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .map(([t, n]) => `${n} ${t}`)
    .join(', ');
  const policies = new Set(report.findings.map((f) => f.policy_id)).size;
  const collected = report.snapshots.map((s) => s.source.collected_at).sort();
  const relax = run.fail_on_unknown ? 'unknown gates like fail' : 'unknown does not gate';
  const frameworks = [...controls]
    .map(([k, rows]) => {
      const counts = stateCounts(rows);
      // the worst state any of its controls is in (CONTROL_STATES is worst first)
      const worst = CONTROL_STATES.find((st) => counts[st] > 0) ?? 'mapped';
      const tone = CONTROL_TONE[worst];
      const title = frameworkCatalog(k)?.title ?? k;
      const cells = [
        ...(['satisfied', 'failing', 'unknown', 'exception', 'not-applicable', 'no-evidence'] as const).map((st) => `<td>${counts[st]}</td>`),
        `<td>${rows.filter((r) => r.manual).length}</td>`,
      ].join('');
      return `<tr data-framework="${h(k)}" data-state="${worst}"><td><b>${h(k)}</b> <span class="title">${h(title)}</span></td><td class="st" style="color:${
        tone === 'none' ? '#555' : COLOR[tone]
      }">${h(CONTROL_LABEL[worst])}</td><td>${counts.satisfied} of ${rows.length}</td>${cells}</tr>`;
    })
    .join('');
  return `<section id="executive"><h2>Executive summary</h2>
<dl>
<dt>Result</dt><dd id="exec-result"><b style="color:${summary.result === 'fail' ? COLOR.fail : COLOR.pass}">${summary.result.toUpperCase()}</b>: ${summary.gating} gating finding${
    summary.gating === 1 ? '' : 's'
  } of ${summary.total}${summary.collection_errors ? `, ${summary.collection_errors} tool${summary.collection_errors === 1 ? '' : 's'} not collected` : ''} (gate: ${h(run.fail_on)} and above, ${relax})</dd>
<dt>Scope</dt><dd id="exec-scope">${report.snapshots.length} tool${report.snapshots.length === 1 ? '' : 's'}${scope ? ` (${h(scope)})` : ''}, ${policies} polic${policies === 1 ? 'y' : 'ies'}${
    summary.declared?.total ? `; ${summary.declared.total} of ${summary.total} findings on evidence declared in facts files` : ''
  }</dd>
<dt>When</dt><dd id="exec-when">as of ${h(run.as_of)}; run ${h(run.started_at)} → ${h(run.finished_at)}${
    collected.length ? `; evidence collected ${collected[0] === collected.at(-1) ? h(collected[0]!) : `${h(collected[0]!)} to ${h(collected.at(-1)!)}`}` : ''
  }</dd>
<dt>By</dt><dd id="exec-by">${opts.runBy ? h(opts.runBy) : 'not recorded in this report'}</dd>
<dt>Profile</dt><dd id="exec-profile">${h(run.profile)}</dd>
</dl>
${
  frameworks
    ? `<table id="framework-results"><thead><tr><th>Framework</th><th>Result</th><th>Controls satisfied</th><th>Satisfied</th><th>Failing</th><th>Unknown</th><th>Exception</th><th>Not applicable</th><th>No evidence</th><th>Manual</th></tr></thead><tbody>${frameworks}</tbody></table>
<p>A framework's result is the worst state of its controls; the <a href="#frameworks">framework view</a> gives each control's state and why. Manual controls (NOT COVERED) need evidence auditready does not collect: a person supplies it.</p>`
    : '<p>No finding maps to a framework control.</p>'
}
</section>`;
}

/** Each framework's controls with their state (src/report/control-state.ts) and the counted findings. */
function frameworkView(controls: Controls): string {
  return [...controls]
    .map(([k, controls]) => {
      const rows = controls
        .map((r) => {
          const n = (s: Status) => r.policies.reduce((sum, p) => sum + (p.counts[s] ?? 0), 0);
          const tone = CONTROL_TONE[r.state];
          const notes = controlDetails(r);
          const proves = r.policies.filter((p) => p.proves).map((p) => `<li><span class="mono">${h(p.id)}</span>: ${h(p.proves!)}</li>`);
          const detail = [...notes.map((x) => `<li>${h(x)}</li>`), ...proves].join('');
          return `<tr data-control="${h(`${k}:${r.id}`)}" data-state="${r.state}"><td class="mono"><a href="#findings" data-filter-framework="${h(`${k}:${r.id}`)}">${h(r.id)}</a></td><td class="st" style="color:${
            tone === 'none' ? '#555' : COLOR[tone]
          }">${h(CONTROL_LABEL[r.state])}</td><td>${n('pass')}</td><td>${n('fail')}</td><td>${n('unknown')}</td><td>${n('error')}</td><td>${n('waived')}</td><td>${n(
            'not_applicable',
          )}</td><td>${detail ? `<ul>${detail}</ul>` : ''}</td></tr>`;
        })
        .join('');
      const satisfied = controls.filter((r) => r.state === 'satisfied').length;
      const manual = controls.filter((r) => r.manual).length;
      return `<details class="framework" data-framework="${h(k)}"><summary><b>${h(k)}</b>: ${satisfied} of ${controls.length} controls satisfied${
        manual ? `, ${manual} manual` : ''
      }</summary><table><thead><tr><th>Control</th><th>State</th><th>Pass</th><th>Fail</th><th>Unknown</th><th>Error</th><th>Waived</th><th>N/A</th><th>Scope, exceptions, what the policies prove</th></tr></thead><tbody>${rows}</tbody></table></details>`;
    })
    .join('');
}

/** Links to a tool's files inside an evidence bundle, with their sha256. */
function files(list: readonly EvidenceFile[] | undefined): string {
  if (!list?.length) return '';
  return `<br>${list
    .map(
      (f) => `<a class="evidence-file" href="${h(encodeURI(f.href))}" title="sha256 ${h(f.sha256)}">${h(f.kind)}: ${h(f.href.split('/').pop() ?? f.href)}</a>`,
    )
    .join(' · ')}`;
}

/** Where the finding rows go: they are written row by row, never joined into the page. */
const ROWS = '\u0000rows\u0000';

function render(report: Report, opts: RenderOptions): Iterable<string> {
  const { run, summary } = report;
  const findings = failingFirst(report.findings);
  const controls = reportControls(report);
  const tools = [...new Set(report.findings.map((f) => f.tool))].sort();
  const pillars = [...new Set(report.findings.map((f) => f.pillar))];
  const frameworkValues = [
    ...new Set(report.findings.flatMap((f) => Object.entries(f.frameworks).flatMap(([k, ids]) => [k, ...ids.map((id) => `${k}:${id}`)]))),
  ].sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
  const cards = STATUSES.map(
    (s) => `<div class="card" data-status="${s}"><b style="color:${COLOR[s]}">${summary.by_status[s]}</b>${STATUS_LABEL[s]}</div>`,
  ).join('');
  const snapshots = report.snapshots
    .map(
      (s) =>
        `<tr data-provenance="${provenance(s.source)}"><td class="mono">${h(s.id)}</td><td>${h(s.category)}</td><td>${h(provenanceText(s.source))}</td><td>${h(s.source.collector)}/${h(s.source.method)}</td><td class="mono">${h(
          s.source.location,
        )}${files(opts.evidenceFiles?.[s.id])}</td><td>${h(s.source.collected_at)}</td><td class="mono">${h(s.source.sha256)}</td><td>${s.gaps.length}</td></tr>`,
    )
    .join('');
  const resultColor = summary.result === 'fail' ? COLOR.fail : COLOR.pass;
  const page = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>auditready report: ${summary.result.toUpperCase()} (${h(run.profile)}, as of ${h(run.as_of)})</title>
<style>${CSS}</style>
</head>
<body>
<header>
<h1>auditready report <span class="badge" id="result" style="background:${resultColor}">${summary.result.toUpperCase()}</span></h1>
<div class="meta">auditready ${h(report.tool.version)} · profile ${h(run.profile)} · as of ${h(run.as_of)} · run ${h(run.started_at)} → ${h(
    run.finished_at,
  )} · config <span class="mono">${h(run.config)}</span> sha256 <span class="mono">${h(run.config_sha256)}</span> · policies <span class="mono">${h(
    run.policy_bundle.policies_digest,
  )}</span> · gate: ${h(run.fail_on)} and above${run.fail_on_unknown ? ', unknown gates' : ''}</div>
${headlineWarnings(report)
  .map((w) => `<div class="banner" id="as-of-warning" role="alert">⚠ ${h(w.message)}</div>`)
  .join('')}</header>
<main>
${executiveSummary(report, controls, opts)}
<section id="summary"><h2>Summary: ${summary.total} findings, ${summary.gating} gating, ${report.snapshots.length} tools${
    summary.collection_errors ? `, ${summary.collection_errors} not collected` : ''
  }</h2>
<div class="cards">${cards}</div>
${
  collectionErrorLines(report).length
    ? `<ul id="collection-errors">${collectionErrorLines(report)
        .map((l) => `<li class="collection-error">✖ ${h(l)}</li>`)
        .join('')}</ul>`
    : ''
}
${summary.declared?.total ? `<p id="declared"><b>${summary.declared.total}</b> of ${summary.total} findings rest on evidence <b>declared</b> by the organization in facts files, not collected from the tools.</p>` : ''}
${(report.warnings ?? []).length ? `<ul id="warnings">${(report.warnings ?? []).map((w) => `<li class="warning" data-kind="${h(w.kind)}">⚠ ${h(w.message)}</li>`).join('')}</ul>` : ''}
<div class="charts">
${rateChart(
  'Pass rate by pillar',
  group(report.findings, (f) => PILLAR_TITLES[f.pillar] ?? f.pillar),
  'chart-pillar',
)}
${rateChart(
  'Pass rate by tool',
  group(report.findings, (f) => f.tool).sort((a, b) => (a[0] < b[0] ? -1 : 1)),
  'chart-tool',
)}
${severityChart(report.findings)}
</div>
${statusLegend()}
</section>
<section id="findings"><h2>Findings (<span id="shown">${findings.length}</span> of ${findings.length} shown)</h2>
<div class="filters">
<label>Status <select id="f-status">${options(STATUSES, (s) => STATUS_LABEL[s as Status])}</select></label>
<label>Severity <select id="f-severity">${options(SEVERITIES)}</select></label>
<label>Tool <select id="f-tool">${options(tools)}</select></label>
<label>Pillar <select id="f-pillar">${options(pillars, (p) => PILLAR_TITLES[p] ?? p)}</select></label>
<label>Control <select id="f-framework">${options(frameworkValues)}</select></label>
<label>Search <input id="f-search" type="search" placeholder="policy, tool, message…"></label>
<label><input id="f-gating" type="checkbox"> gating only</label>
</div>
<table><thead><tr><th>Status</th><th>Severity</th><th>Policy</th><th>Title</th><th>Tool</th><th>Message and evidence</th></tr></thead>
<tbody>
${ROWS}
</tbody></table>
</section>
<section id="frameworks"><h2>Frameworks</h2>
<p>${h(CONTROL_RULE)}</p>
${frameworkView(controls)}
</section>
<section id="policies"><h2>Policies</h2>
${policyView(report.findings)}
</section>
<section id="snapshots"><h2>Evidence sources</h2>
<table><thead><tr><th>Tool</th><th>Category</th><th>Obtained</th><th>Collector</th><th>Location</th><th>Collected</th><th>sha256</th><th>Gaps</th></tr></thead><tbody>${snapshots}</tbody></table>
</section>
</main>
<script type="application/json" id="policy-controls">${policyControls(report.findings)}</script>
<script>${SCRIPT}</script>
</body>
</html>
`;
  return fillSlot(page, ROWS, joinedChunks(lazyMap(findings, findingRow), '\n'));
}

function* lazyMap<T>(items: readonly T[], f: (item: T) => string): Generator<string> {
  for (const item of items) yield f(item);
}

export const htmlReporter: Reporter = defineReporter({
  name: 'html',
  extension: 'html',
  chunks: render,
});

// NIST OSCAL assessment-results (https://pages.nist.gov/OSCAL/). One result per run; one
// observation per policy × tool; one finding per framework control, satisfied only in the
// 'satisfied' control state (src/report/control-state.ts); a risk per failing policy × tool × resource, waived ones deviation-approved
// with the waiver's expiry as deadline. UUID v5 ids; no empty arrays; custom data in props.
import { isDeclared, provenance, provenanceText } from '../model/provenance.js';
import { headlineWarnings } from '../report/as-of.js';
import { groupBy } from '../util/group.js';
import { CONTROL_LABEL, type ControlAssessment, type ControlState, inScope, reportControls } from '../report/control-state.js';
import { controlDetails, manualNote } from '../report/controls.js';
import type { Finding, Report } from '../report/types.js';
import { cachedUuidV5, uuidV5 } from '../util/uuid.js';
import { collectionErrorLines, isProblem, subject } from './common.js';
import { jsonChunks, LazyArray } from './chunks.js';
import { defineReporter, type RenderOptions, type Reporter } from './types.js';

const OSCAL_NS = 'https://auditready.dev/ns/oscal';
const OSCAL_VERSION = '1.1.3';

type Json = Record<string, unknown>;

/** Why a control that is not failing is still not satisfied (OSCAL status remarks). */
const CONTROL_REMARK: Partial<Record<ControlState, string>> = {
  unknown: 'Not satisfied: a check in scope is unknown (a fact could not be collected), so compliance cannot be shown.',
  exception: 'Not satisfied: a failure is waived; an accepted exception (see the deviation-approved risks), not compliance.',
  'not-applicable': 'Not satisfied: every check in scope is not applicable, so nothing proves the control.',
  'no-evidence': "Not satisfied: no tool in the control's scope was checked.",
};

/** Why a control is not satisfied, for its finding's status: a manual control says what only a person can evidence. */
function controlRemark(r: Pick<ControlAssessment, 'state' | 'manual' | 'note'>): string {
  const manual = manualNote(r);
  if (manual && r.state === 'not-covered')
    return `Not satisfied: no policy can evidence this control, it needs evidence auditready does not collect (${manual}).`;
  return CONTROL_REMARK[r.state] ?? CONTROL_LABEL[r.state];
}

/** OSCAL strings may not start or end with whitespace, nor be empty. */
function str(text: string, fallback = '-'): string {
  const t = text.trim();
  return t.length ? t : fallback;
}

function prop(name: string, value: string, cls?: string): Json {
  return { name, ns: OSCAL_NS, value: str(value), ...(cls ? { class: cls } : {}) };
}

/** A control label as an OSCAL token: NIST in catalog form (AC-6(5) → ac-6.5), others prefixed. */
export function controlToken(framework: string, control: string): string {
  if (framework === 'nist-800-53') {
    return control
      .toLowerCase()
      .replace(/\((\w+)\)/g, '.$1')
      .replace(/[^a-z0-9.\-_]/g, '');
  }
  const id = control
    .toLowerCase()
    .replace(/\((\w+)\)/g, '.$1')
    .replace(/[^a-z0-9.\-_]+/g, '_')
    .replace(/^[._-]+|[._-]+$/g, '');
  return `${framework.replace(/[^a-z0-9-]/gi, '-')}_${id}`;
}

/** Make an ISO date (2026-12-31) an end-of-day zoned timestamp. */
function endOfDay(date: string): string {
  return /^\d{4}-\d{2}-\d{2}$/.test(date) ? `${date}T23:59:59Z` : date;
}

function hoursLater(time: string, hours: unknown): string | undefined {
  if (typeof hours !== 'number' || !Number.isFinite(hours)) return undefined;
  const ms = Date.parse(time);
  if (Number.isNaN(ms)) return undefined;
  return new Date(ms + hours * 3_600_000).toISOString().replace('.000Z', 'Z');
}

function nonEmpty<T>(key: string, items: readonly T[] | LazyArray<T>): Record<string, T[] | LazyArray<T>> {
  if (items instanceof LazyArray) return items.length ? { [key]: items } : {};
  return items.length ? { [key]: [...items] } : {};
}

function render(report: Report, options: RenderOptions): Iterable<string> {
  const run = report.run;
  const runKey = `${run.config_sha256}|${run.started_at}|${run.as_of}`;
  const docUuid = uuidV5(`assessment-results|${runKey}`);
  const resultUuid = uuidV5(`result|${runKey}`);
  const toolComponent = uuidV5('component|auditready');
  const planResource = uuidV5(`plan|${run.policy_bundle.policies_digest}`);
  const componentOf = (tool: string) => uuidV5(`component|${tool}`);
  const evidenceOf = (tool: string, sha: string) => uuidV5(`evidence|${tool}|${sha}`);
  // referred to once per control a finding maps to: each id is computed once
  const uuid = cachedUuidV5();
  const observationOf = (policy: string, tool: string) => uuid(`observation|${runKey}|${policy}|${tool}`);
  const riskOf = (f: Finding) => uuid(`risk|${f.policy_id}|${f.tool}|${f.resource ?? ''}`);
  const partyOf = (name: string) => uuidV5(`party|${name}`);
  const toolActor = [{ actors: [{ type: 'tool', 'actor-uuid': toolComponent }] }];
  // Declared evidence (facts files): the organization is the origin, and the method is EXAMINE of
  // what it wrote down; collected evidence: auditready's collector TESTed the tool itself.
  const organization = uuidV5('party|organization (facts files)');
  const declaredActor = [{ actors: [{ type: 'party', 'actor-uuid': organization, props: [prop('evidence-origin', 'declared in a facts file')] }] }];
  // a tool's findings share its snapshot's evidence: declared for one, declared for all
  let anyDeclared = false;
  for (const f of report.findings) {
    if (isDeclared(f.evidence)) {
      anyDeclared = true;
      break;
    }
  }

  // Observations: policy × tool, made while the document is written (one per policy × tool: held
  // whole, 50,000 tools' observations outgrow the JavaScript heap).
  const groups = groupBy(report.findings, (f) => `${f.policy_id}|${f.tool}`);
  function* observationItems(): Generator<Json> {
    for (const fs of groups.values()) {
      const f0 = fs[0]!;
      const statuses = [...new Set(fs.map((f) => f.status))].sort();
      yield {
        uuid: observationOf(f0.policy_id, f0.tool),
        title: str(`${f0.policy_id} on ${f0.tool}`),
        description: str(fs.map((f) => `${subject(f)}: ${f.status}: ${f.message}`).join('\n')),
        props: [
          prop('policy-id', f0.policy_id),
          prop('policy', f0.policy),
          prop('severity', f0.severity),
          prop('result', statuses.join(' ')),
          prop('population-count', String(fs.length)),
          prop('evaluated-count', String(fs.filter((f) => f.status !== 'error').length)),
          prop('policies-digest', run.policy_bundle.policies_digest),
          prop('evidence-provenance', provenance(f0.evidence)),
        ],
        methods: [isDeclared(f0.evidence) ? 'EXAMINE' : 'TEST'],
        types: ['discovery'],
        origins: isDeclared(f0.evidence) ? declaredActor : toolActor,
        subjects: [
          {
            'subject-uuid': componentOf(f0.tool),
            type: 'component',
            props: [prop('tool', f0.tool), ...fs.filter((f) => f.resource).map((f) => prop('resource', f.resource!))],
          },
        ],
        'relevant-evidence': [
          {
            href: `#${evidenceOf(f0.tool, f0.evidence.sha256)}`,
            description: str(
              `Snapshot of ${f0.tool} read by ${f0.evidence.collector}/${f0.evidence.method} from ${f0.evidence.location} (sha256 ${f0.evidence.sha256})${
                f0.evidence.pointers.length ? `; facts ${[...new Set(fs.flatMap((f) => f.evidence.pointers))].join(' ')}` : ''
              }`,
            ),
          },
        ],
        collected: f0.evidence.collected_at,
        ...(hoursLater(f0.evidence.collected_at, run.parameters.max_evidence_age_hours)
          ? { expires: hoursLater(f0.evidence.collected_at, run.parameters.max_evidence_age_hours) }
          : {}),
      };
    }
  }
  const observations = new LazyArray(groups.size, observationItems);

  // Risks: every problem finding, and every waived one (deviation approved until the waiver expires).
  // Made while the document is written, like the observations.
  const parties = new Map<string, Json>();
  let riskCount = 0;
  for (const f of report.findings) {
    if (!isProblem(f.status) && f.status !== 'waived') continue;
    riskCount++;
    const w = f.waiver;
    if (w) parties.set(w.approver, { uuid: partyOf(w.approver), type: 'person', name: str(w.approver) });
  }
  function* riskItems(): Generator<Json> {
    for (const f of report.findings) {
      if (!isProblem(f.status) && f.status !== 'waived') continue;
      const w = f.waiver;
      yield {
        uuid: riskOf(f),
        title: str(`${f.policy_id} ${f.title}: ${subject(f)}`),
        description: str(`${f.title} on ${subject(f)}: ${f.message}`),
        statement: str(
          f.status === 'unknown'
            ? `Compliance cannot be shown: ${f.gaps.map((g) => `${g.fact} ${g.reason} (${g.detail})`).join('; ') || f.message}`
            : f.message,
        ),
        props: [
          prop('policy-id', f.policy_id),
          prop('status', f.status),
          prop('severity', f.severity),
          ...(w?.id ? [prop('waiver-id', w.id)] : []),
          ...(w ? [prop('approved-on', w.approved_on), prop('waived-status', w.waived_status), prop('justification', w.justification)] : []),
        ],
        status: w ? 'deviation-approved' : 'open',
        ...(w ? { origins: [{ actors: [{ type: 'party', 'actor-uuid': partyOf(w.approver) }] }] } : {}),
        ...(w ? { deadline: endOfDay(w.expires_on) } : {}),
        ...(f.remediation.trim()
          ? {
              remediations: [
                {
                  uuid: uuidV5(`remediation|${riskOf(f)}`),
                  lifecycle: 'recommendation',
                  title: str(`Remediate ${f.policy_id}`),
                  description: str(f.remediation),
                },
              ],
            }
          : {}),
        'related-observations': [{ 'observation-uuid': observationOf(f.policy_id, f.tool) }],
      };
    }
  }
  const risks = new LazyArray(riskCount, riskItems);

  // Findings: one per framework control, in the state every view shows (src/report/control-state.ts).
  // each control's findings, indexed in one pass (not a search of every finding per control)
  const byControl = new Map<string, Finding[]>();
  for (const f of report.findings) {
    for (const [framework, ids] of Object.entries(f.frameworks)) {
      for (const id of new Set(ids)) {
        const key = `${framework}\u0000${id}`;
        const list = byControl.get(key);
        if (list) list.push(f);
        else byControl.set(key, [f]);
      }
    }
  }
  const tokens: string[] = [];
  const findings: Json[] = [];
  for (const [framework, rows] of reportControls(report)) {
    for (const r of rows) {
      const token = controlToken(framework, r.id);
      tokens.push(token);
      const mine = byControl.get(`${framework}\u0000${r.id}`) ?? [];
      const counted = mine.filter((f) => inScope(r.scope ?? undefined, f));
      const bad = counted.filter((f) => isProblem(f.status) || f.status === 'waived');
      const obs = [...new Set(mine.map((f) => observationOf(f.policy_id, f.tool)))].sort();
      const rel = [...new Set(bad.map(riskOf))].sort();
      const count = (st: string) => counted.filter((f) => f.status === st).length;
      const satisfied = r.state === 'satisfied';
      const proves = r.policies.filter((p) => p.proves).map((p) => `${p.id} proves: ${p.proves}`);
      findings.push({
        uuid: uuidV5(`finding|${token}`),
        title: str(`${framework} ${r.id}`),
        description: str(
          [
            `${CONTROL_LABEL[r.state]}. ${counted.length} checks in scope: ${count('pass')} pass, ${count('fail')} fail, ${count('unknown')} unknown, ${count('error')} error, ${count(
              'waived',
            )} waived, ${count('not_applicable')} not applicable.`,
            ...controlDetails(r),
            ...proves,
          ].join('\n'),
        ),
        props: [prop('framework', framework), prop('control', r.id), prop('control-state', r.state), ...(r.manual ? [prop('manual', 'true')] : [])],
        target: {
          type: 'objective-id',
          'target-id': token,
          status: {
            state: satisfied ? 'satisfied' : 'not-satisfied',
            reason: satisfied ? 'pass' : r.state === 'failing' ? 'fail' : 'other',
            ...(satisfied || r.state === 'failing' ? {} : { remarks: controlRemark(r) }),
          },
        },
        ...nonEmpty(
          'related-observations',
          obs.map((u) => ({ 'observation-uuid': u })),
        ),
        ...nonEmpty(
          'related-risks',
          rel.map((u) => ({ 'risk-uuid': u })),
        ),
      });
    }
  }
  tokens.sort();
  findings.sort((a, b) => (((a.target as Json)['target-id'] as string) < ((b.target as Json)['target-id'] as string) ? -1 : 1));

  const tools = [...new Map(report.snapshots.map((s) => [s.id, s])).values()];
  const components: Json[] = [
    {
      uuid: toolComponent,
      type: 'software',
      title: 'auditready',
      description: `auditready ${report.tool.version}, policy-as-code compliance checker`,
      props: [prop('version', report.tool.version), prop('opa-version', run.policy_bundle.opa_version)],
      status: { state: 'operational' },
    },
    ...tools.map((s) => ({
      uuid: componentOf(s.id),
      type: 'service',
      title: str(s.id),
      description: str(`${s.type} (${s.category}) "${s.name}"`),
      props: [prop('tool-type', s.type), prop('category', s.category)],
      status: { state: 'operational' },
    })),
  ];

  const evidence = new Map<string, Json>();
  for (const s of tools) {
    const uuid = evidenceOf(s.id, s.source.sha256);
    evidence.set(uuid, {
      uuid,
      title: str(`Snapshot of ${s.id}`),
      description: str(`Raw capture ${provenanceText(s.source)}: ${s.source.collector}/${s.source.method} at ${s.source.collected_at}`),
      rlinks: [
        { href: encodeURI(s.source.location), hashes: [{ algorithm: 'SHA-256', value: s.source.sha256 }] },
        // Inside an evidence bundle: the redacted raw capture and the normalized snapshot.
        ...(options.evidenceFiles?.[s.id] ?? []).map((f) => ({
          href: encodeURI(f.href),
          'media-type': f.kind === 'normalized' ? 'application/json' : 'text/plain',
          hashes: [{ algorithm: 'SHA-256', value: f.sha256 }],
        })),
      ],
    });
  }

  const doc = {
    'assessment-results': {
      uuid: docUuid,
      metadata: {
        title: `auditready assessment (${run.profile})`,
        'last-modified': run.finished_at,
        version: report.tool.version,
        'oscal-version': OSCAL_VERSION,
        props: [prop('config-sha256', run.config_sha256), prop('result', report.summary.result)],
        ...nonEmpty('parties', [
          ...(anyDeclared ? [{ uuid: organization, type: 'organization', name: 'The assessed organization (declared facts files)' }] : []),
          ...parties.values(),
        ]),
      },
      'import-ap': { href: `#${planResource}` },
      results: [
        {
          uuid: resultUuid,
          title: `auditready run as of ${run.as_of}`,
          description: `Policies evaluated against ${tools.length} tools from ${run.config} (profile ${run.profile}); gate: ${run.fail_on} and above.`,
          start: run.started_at,
          end: run.finished_at,
          props: [
            prop('as-of', run.as_of),
            prop('gating', String(report.summary.gating)),
            prop('fail-on', run.fail_on),
            ...(report.summary.collection_errors ? [prop('collection-errors', String(report.summary.collection_errors))] : []),
            ...(report.summary.declared ? [prop('declared-findings', String(report.summary.declared.total))] : []),
            ...headlineWarnings(report).map((w) => prop('as-of-warning', w.message)),
          ],
          'local-definitions': { components },
          'reviewed-controls': {
            'control-selections': [tokens.length ? { 'include-controls': tokens.map((t) => ({ 'control-id': t })) } : { 'include-all': {} }],
          },
          ...nonEmpty('observations', observations),
          ...nonEmpty('findings', findings),
          ...nonEmpty('risks', risks),
          ...((report.warnings ?? []).length || collectionErrorLines(report).length
            ? {
                remarks: [
                  ...collectionErrorLines(report).map((l) => `Collection error: ${l}`),
                  ...(report.warnings ?? []).map((w) => `Warning (${w.kind}): ${w.message}`),
                ].join('\n'),
              }
            : {}),
        },
      ],
      'back-matter': {
        resources: [
          {
            uuid: planResource,
            title: 'auditready policy bundle (assessment plan)',
            description: `Policies compiled to Wasm with OPA ${run.policy_bundle.opa_version}; profile ${run.profile}.`,
            props: [prop('policies-digest', run.policy_bundle.policies_digest), prop('catalog-sha256', run.policy_bundle.catalog_sha256)],
            rlinks: [
              { href: 'build/policy/policy.wasm', hashes: [{ algorithm: 'SHA-256', value: run.policy_bundle.wasm_sha256 }] },
              { href: 'build/policy/catalog.json', hashes: [{ algorithm: 'SHA-256', value: run.policy_bundle.catalog_sha256 }] },
            ],
          },
          ...[...evidence.values()],
        ],
      },
    },
  };
  return jsonChunks(doc);
}

export const oscalReporter: Reporter = defineReporter({
  name: 'oscal',
  extension: 'oscal.json',
  chunks: render,
});

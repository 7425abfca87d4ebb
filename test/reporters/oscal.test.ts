import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import AjvModule from 'ajv';
import addFormatsModule from 'ajv-formats';
import { controlToken, oscalReporter } from '../../src/reporters/oscal.js';
import { reportControls } from '../../src/report/control-state.js';
import type { Report } from '../../src/report/types.js';
import { richReport } from '../helpers/reports.js';
import { ROOT } from '../helpers/run.js';

const Ajv = AjvModule as unknown as typeof AjvModule.default;
const addFormats = addFormatsModule as unknown as (a: InstanceType<typeof Ajv>) => void;

/** The official NIST schema lives outside the repo (../shared/schemas); CI has a read-only copy. */
const SCHEMA = path.resolve(ROOT, '..', 'shared', 'schemas', 'oscal_assessment-results_schema_v1.0.6.json');
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[45][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

// biome-ignore lint/suspicious/noExplicitAny: parsed documents are walked freely in assertions
type Json = any;

function render(report: Report): Json {
  return JSON.parse(oscalReporter.render(report, { color: false }))['assessment-results'];
}

function walk(value: unknown, visit: (key: string, v: unknown) => void, key = ''): void {
  visit(key, value);
  if (Array.isArray(value)) {
    for (const v of value) walk(v, visit, key);
  } else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) walk(v, visit, k);
}

describe('oscal reporter', () => {
  const title = existsSync(SCHEMA)
    ? 'validates against the NIST OSCAL assessment-results schema'
    : `validates against the NIST OSCAL schema: SKIPPED, ${SCHEMA} is absent (a clone outside the workplace)`;
  it.skipIf(!existsSync(SCHEMA))(title, async () => {
    const ajv = new Ajv({ allErrors: true, strict: false });
    addFormats(ajv);
    const validate = ajv.compile(JSON.parse(readFileSync(SCHEMA, 'utf8')));
    const doc = JSON.parse(oscalReporter.render(await richReport(), { color: false }));
    expect(validate(doc), JSON.stringify(validate.errors?.slice(0, 5), null, 1)).toBe(true);
    // as written inside an evidence bundle, with links to the bundle's files
    const sha = 'a'.repeat(64);
    const inBundle = JSON.parse(
      oscalReporter.render(await richReport(), {
        color: false,
        evidenceFiles: {
          'vault/prod': [
            { href: '../tools/vault/prod/raw/vault prod.yaml', sha256: sha, kind: 'raw' },
            { href: '../tools/vault/prod/normalized.json', sha256: sha, kind: 'normalized' },
          ],
        },
      }),
    );
    expect(validate(inBundle), JSON.stringify(validate.errors?.slice(0, 5), null, 1)).toBe(true);
    expect(JSON.stringify(inBundle)).toContain('../tools/vault/prod/raw/vault%20prod.yaml');
  });

  // compliance-trestle (PyPI), installed by scripts/install-trestle.sh into .tools/venv
  const python = path.join(ROOT, '.tools', 'venv', 'bin', 'python');
  const trestle = existsSync(python)
    ? 'validates with compliance-trestle, an independent OSCAL implementation (its model and every registered validator)'
    : 'validates with compliance-trestle: SKIPPED, .tools/venv has no Python (python3 with venv is absent; scripts/install-trestle.sh says so)';
  it.skipIf(!existsSync(python))(
    trestle,
    async () => {
      const dir = mkdtempSync(path.join(tmpdir(), 'ar-trestle-'));
      const good = path.join(dir, 'good.json');
      writeFileSync(good, oscalReporter.render(await richReport(), { color: false }));
      const bad = path.join(dir, 'bad.json');
      const doc = JSON.parse(readFileSync(good, 'utf8'));
      doc['assessment-results'].results[0].observations[0].methods = 'TEST'; // a string, not a list
      writeFileSync(bad, JSON.stringify(doc));
      const run = (file: string) => spawnSync(python, [path.join(ROOT, 'scripts', 'oscal-trestle-validate.py'), file], { encoding: 'utf8' });
      const ok = run(good);
      expect(ok.stdout + ok.stderr).toBe(`${good}: ok\n`);
      expect(ok.status).toBe(0);
      const no = run(bad);
      expect(no.status).toBe(1);
      expect(no.stdout).toMatch(/methods/);
    },
    60_000,
  );

  it('uuids are v4/v5, timestamps zoned, no empty arrays, and every reference resolves', async () => {
    const ar = render(await richReport());
    const uuids = new Set<string>();
    const refs: string[] = [];
    walk(ar, (key, v) => {
      if (Array.isArray(v)) expect(v.length, key).toBeGreaterThan(0);
      if (key === 'uuid') {
        expect(v).toMatch(UUID);
        expect(uuids.has(v as string), `duplicate uuid ${v}`).toBe(false);
        uuids.add(v as string);
      }
      if (['observation-uuid', 'risk-uuid', 'subject-uuid', 'actor-uuid'].includes(key)) refs.push(v as string);
      if (['start', 'end', 'collected', 'expires', 'deadline', 'last-modified'].includes(key)) expect(v).toMatch(/(Z|[+-]\d{2}:\d{2})$/);
    });
    for (const r of refs) expect(uuids.has(r), `dangling ${r}`).toBe(true);
    const hrefs: string[] = [];
    walk(ar, (key, v) => {
      if (key === 'href' && typeof v === 'string' && v.startsWith('#')) hrefs.push(v.slice(1));
    });
    expect(hrefs.length).toBeGreaterThan(1);
    for (const h of hrefs) expect(uuids.has(h), `dangling #${h}`).toBe(true);
  });

  it('one observation per policy × tool with evidence hashes; findings per control; unknown is not satisfied', async () => {
    const report = await richReport();
    const ar = render(report);
    const [result] = ar.results;
    const pairs = new Set(report.findings.map((f) => `${f.policy_id}|${f.tool}`));
    expect(result.observations).toHaveLength(pairs.size);
    const resources = new Map(ar['back-matter'].resources.map((r: Json) => [r.uuid, r]));
    for (const o of result.observations) {
      const ev = resources.get(o['relevant-evidence'][0].href.slice(1)) as Json;
      expect(ev.rlinks[0].hashes[0]).toEqual({ algorithm: 'SHA-256', value: expect.stringMatching(/^[0-9a-f]{64}$/) });
    }
    const byTarget = new Map(result.findings.map((f: Json) => [f.target['target-id'], f]));
    // AU-11 (retention) has unknown and failing checks in the demo → not satisfied
    expect((byTarget.get('au-11') as Json).target.status.state).toBe('not-satisfied');
    // every control's verdict is its control state (src/report/control-state.ts): satisfied only in that state
    const states = new Map<string, string>();
    for (const [fw, rows] of reportControls(report)) for (const r of rows) states.set(controlToken(fw, r.id), r.state);
    expect(byTarget.size).toBe(states.size);
    for (const [token, state] of states) {
      const got = (byTarget.get(token) as Json).target.status;
      expect(got.state, token).toBe(state === 'satisfied' ? 'satisfied' : 'not-satisfied');
      expect(got.reason, token).toBe(state === 'satisfied' ? 'pass' : state === 'failing' ? 'fail' : 'other');
      if (state === 'satisfied') expect((byTarget.get(token) as Json)['related-risks']).toBeUndefined();
    }
    expect(result['reviewed-controls']['control-selections'][0]['include-controls'].length).toBe(byTarget.size);
  });

  it('failures are open risks; waivers are deviation-approved with a deadline and the approver as party', async () => {
    const report = await richReport();
    const ar = render(report);
    const risks = ar.results[0].risks as Json[];
    const problems = report.findings.filter((f) => ['fail', 'unknown', 'error', 'waived'].includes(f.status));
    expect(risks).toHaveLength(problems.length);
    const waived = risks.filter((r) => r.status === 'deviation-approved');
    expect(waived).toHaveLength(report.findings.filter((f) => f.status === 'waived').length);
    const w = waived.find((r) => r.props.some((p: Json) => p.name === 'waiver-id' && p.value === 'EXC-2026-014'));
    expect(w.deadline).toBe('2027-03-31T23:59:59Z');
    const party = ar.metadata.parties.find((p: Json) => p.uuid === w.origins[0].actors[0]['actor-uuid']);
    expect(party.name).toBe('Dana Whitfield (CISO)');
    expect(risks.filter((r) => r.status === 'open')).toHaveLength(problems.length - waived.length);
    // waiver warnings (an expired waiver) are remarks of the result
    for (const w of report.warnings!) expect(ar.results[0].remarks).toContain(w.message);
  });

  it('ids are stable: the same report gives the same document; controls become OSCAL tokens', async () => {
    const report = await richReport();
    expect(oscalReporter.render(report, { color: false })).toBe(oscalReporter.render(structuredClone(report), { color: false }));
    expect(controlToken('nist-800-53', 'AC-6(5)')).toBe('ac-6.5');
    expect(controlToken('pci-dss', '10.5.1')).toBe('pci-dss_10.5.1');
    expect(controlToken('hipaa', '164.308(a)(1)(ii)(D)')).toBe('hipaa_164.308.a.1.ii.d');
    expect(controlToken('soc2', 'CC6.1')).toBe('soc2_cc6.1');
  });
});

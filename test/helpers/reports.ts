import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { runCheck } from '../../src/pipeline/run-check.js';
import type { Finding, Report } from '../../src/report/types.js';
import { fixture, ROOT } from './run.js';

const addFormats = addFormatsModule as unknown as (a: Ajv2020) => Ajv2020;

let demo: Promise<Report> | undefined;

/** The demo report, evaluated in-process once per test file (read-only: clone before changing). */
export function demoReport(): Promise<Report> {
  demo ??= runCheck({ configPath: path.relative(ROOT, fixture('demo', 'auditready.yaml')), now: () => new Date('2026-11-20T12:00:00Z') });
  return demo;
}

/**
 * The demo plus what it lacks: an `error` finding and two findings on resources inside a tool
 * (same policy and tool), so every status and the resource path are exercised.
 */
export async function richReport(): Promise<Report> {
  const r = structuredClone(await demoReport());
  const base = r.findings.find((f) => f.policy_id === 'AR-IDN-002' && f.tool === 'github/acme')!;
  const acc = r.findings.find((f) => f.policy_id === 'AR-ACC-002' && f.tool === 'github/acme')!;
  const extra: Finding[] = [
    { ...structuredClone(base), status: 'error', message: 'policy produced no verdict for this tool', gating: true, observed: {}, expected: {} },
    { ...structuredClone(acc), resource: 'acme/api', status: 'fail', message: 'default permission <write> & "admin"', gating: false },
    { ...structuredClone(acc), resource: 'acme/web', status: 'pass', message: 'default permission is read', gating: false },
  ];
  extra[0]!.tool = 'vault/prod';
  r.findings.push(...extra);
  r.summary.total = r.findings.length;
  r.summary.by_status.error += 1;
  r.summary.by_status.fail += 1;
  r.summary.by_status.pass += 1;
  r.summary.gating += 1;
  return r;
}

export function reportValidator() {
  const ajv = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true });
  addFormats(ajv);
  for (const s of ['model', 'report']) {
    ajv.addSchema(JSON.parse(readFileSync(path.join(ROOT, 'schemas', `${s}.schema.json`), 'utf8')));
  }
  return ajv.getSchema('https://auditready.dev/schemas/report.schema.json')!;
}

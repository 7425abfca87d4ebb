import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { UsageError } from '../errors.js';
import type { Pillar } from './catalog.js';

export const PILLAR_CODES: Record<Pillar, string> = {
  identity: 'IDN',
  access: 'ACC',
  event_tracking: 'EVT',
  centralized_logging: 'CLG',
  retention: 'RET',
  time: 'TIM',
  cross_tool: 'XTL',
};

export interface ScaffoldOptions {
  readonly name: string;
  readonly pillar: Pillar;
  readonly dir: string;
  /** Id prefix for custom policies (AR- is reserved for built-ins). */
  readonly prefix: string;
  /** Boolean fact the new rule checks, e.g. identity.mfa_required. */
  readonly fact: string;
  readonly severity: string;
}

export interface Scaffolded {
  readonly id: string;
  readonly files: readonly string[];
}

function nextId(dir: string, prefix: string, code: string): string {
  const used = new Set<number>();
  const re = new RegExp(`\\b${prefix}-${code}-(\\d{3})\\b`, 'g');
  const walk = (d: string): void => {
    if (!existsSync(d)) return;
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.rego')) for (const m of readFileSync(p, 'utf8').matchAll(re)) used.add(Number(m[1]));
    }
  };
  walk(dir);
  let n = 1;
  while (used.has(n)) n++;
  return `${prefix}-${code}-${String(n).padStart(3, '0')}`;
}

/** Write a new rule, its test and a facts fixture, ready to pass `policies test` and run in `check --policy`. */
export function scaffoldPolicy(o: ScaffoldOptions): Scaffolded {
  if (!/^[a-z][a-z0-9_]*$/.test(o.name)) throw new UsageError(`policy name "${o.name}" must be snake_case (a-z, 0-9, _)`);
  if (!/^[A-Z][A-Z0-9]{1,9}$/.test(o.prefix) || o.prefix === 'AR') {
    throw new UsageError(`id prefix "${o.prefix}" must be 2-10 capital letters or digits, and not AR (reserved for built-in policies)`);
  }
  const m = /^(identity|access|audit_log|time)\.([a-z_]+)$/.exec(o.fact);
  if (!m) throw new UsageError(`--fact "${o.fact}" must be a fact path like identity.mfa_required`);
  const [group, key] = [m[1]!, m[2]!];
  const id = nextId(o.dir, o.prefix, PILLAR_CODES[o.pillar]);
  const pkg = `auditready.policies.${o.pillar}.${o.name}`;
  const ruleFile = path.join(o.dir, o.pillar, `${o.name}.rego`);
  const testFile = path.join(o.dir, o.pillar, `${o.name}_test.rego`);
  const fixtureFile = path.join(o.dir, 'fixtures', `${o.name}.facts.yaml`);
  for (const f of [ruleFile, testFile, fixtureFile]) {
    if (existsSync(f)) throw new UsageError(`${f} already exists; choose another name`);
  }
  mkdirSync(path.dirname(ruleFile), { recursive: true });
  mkdirSync(path.dirname(fixtureFile), { recursive: true });
  const title = o.name.replace(/_/g, ' ').replace(/^./, (c) => c.toUpperCase());
  writeFileSync(
    ruleFile,
    `# METADATA
# title: ${title}
# description: |
#   TODO: say what the rule proves and why an auditor cares.
# custom:
#   id: ${id}
#   severity: ${o.severity}
#   pillar: ${o.pillar}
#   applies_to: ["*"]
#   facts: [${o.fact}]
#   params: []
#   remediation: |
#     TODO: concrete steps per tool.
#   frameworks:
#     soc2: [CC6.1]
package ${pkg}

import data.auditready.lib

findings contains lib.finding(tool, [lib.equals(tool, ["${group}", "${key}"], true)], {
\t"pass": "${title}: yes",
\t"fail": "${title}: no",
\t"unknown": "${title}: could not be determined",
\t"not_applicable": "${title}: does not apply",
\t"error": "${title}: could not be evaluated",
}) if {
\tsome tool in lib.in_scope(rego.metadata.chain())
}
`,
  );
  writeFileSync(
    testFile,
    `package ${pkg}_test

import data.${pkg}
import data.auditready.testing

test_pass if {
\tt := testing.with_fact(testing.tool, "${group}", "${key}", true)
\t[f] := [f | some f in ${o.name}.findings with input as testing.input_of([t])]
\tf.status == "pass"
\tf.evidence == ["/${group}/${key}"]
}

test_fail if {
\tt := testing.with_fact(testing.tool, "${group}", "${key}", false)
\t[f] := [f | some f in ${o.name}.findings with input as testing.input_of([t])]
\tf.status == "fail"
\tf.observed == {"${o.fact}": false}
}

test_unknown if {
\tt := testing.without_fact(testing.tool, "${group}", "${key}", "permission_missing")
\t[f] := [f | some f in ${o.name}.findings with input as testing.input_of([t])]
\tf.status == "unknown"
}

test_not_applicable if {
\tt := testing.without_fact(testing.tool, "${group}", "${key}", "not_applicable")
\t[f] := [f | some f in ${o.name}.findings with input as testing.input_of([t])]
\tf.status == "not_applicable"
}
`,
  );
  writeFileSync(
    fixtureFile,
    `# A facts file to try the rule with: auditready check --policy ${o.dir} -c <config naming this file>.
# ${o.fact} is false here, so ${id} fails.
model_version: "1"
collected_at: "2026-01-01T00:00:00Z"
identity: { sso_provider: okta, sso_enforced: true, mfa_required: true, mfa_exempt: [], local_accounts: [], anonymous_access: false }
access: { principals: [], admin_count: 1, admin_names: [admin], member_count: 10, default_permission: read, wildcard_grants: [] }
audit_log:
  enabled: true
  level: null
  event_classes: [auth]
  event_levels: { auth: full }
  fields: { actor: true, action: true, time: true, target: true, source_ip: true, result: true }
  destinations: [{ name: siem, type: splunk, central: true }]
  retention_days: 400
  retention_online_days: 120
  backup: true
  immutable: true
  records_secret_values: false
  rotation: { max_size_mb: 100, max_files: 10, max_age_days: 30 }
  failure_alert: true
  read_restricted: true
time: { sync_daemon: chrony, sources: [a, b], synchronized: true, offset_ms: 1, timestamp_timezone: UTC, authenticated: true }
gaps:
  - { fact: audit_log.level, reason: not_supported, detail: example }
`.replace(new RegExp(`(\\b${key}: )(true|false|[^,}\\n]+)`), '$1false'),
  );
  return { id, files: [ruleFile, testFile, fixtureFile] };
}

/**
 * The CI templates (action.yml, ci/, .pre-commit-hooks.yaml) are valid YAML and their commands
 * work: each `run:`/`script:`/`sh` line is executed with bash against the demo, with the built CLI
 * as `auditready` on PATH. Only the install lines are not run (they install a pinned release
 * from the network): they are syntax-checked with `bash -n`, and the variable guard in front of
 * them is run to show it stops with a clear message when the package is not set.
 */
import { spawnSync } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { CLI, fixture, OPA, ROOT } from '../helpers/run.js';

const DEMO = fixture('demo', 'auditready.yaml');

/** A folder with `auditready` (the built CLI) first on PATH. */
function shimPath(): string {
  const bin = mkdtempSync(path.join(tmpdir(), 'ar-ci-bin-'));
  writeFileSync(path.join(bin, 'auditready'), `#!/bin/sh\nexec "${process.execPath}" "${CLI}" "$@"\n`);
  chmodSync(path.join(bin, 'auditready'), 0o755);
  return `${bin}:${path.dirname(OPA)}:${process.env.PATH}`;
}

interface Bash {
  code: number;
  stdout: string;
  stderr: string;
}

function bash(script: string, cwd: string, env: Record<string, string>, check = false): Bash {
  const r = spawnSync('bash', check ? ['-n', '-c', script] : ['-c', script], {
    cwd,
    env: { NO_COLOR: '1', HOME: process.env.HOME ?? cwd, PATH: shimPath(), ...env },
    encoding: 'utf8',
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

function yamlFile(rel: string): unknown {
  const text = readFileSync(path.join(ROOT, rel), 'utf8');
  const value = parse(text, { uniqueKeys: true });
  expect(value, rel).toBeTypeOf('object');
  return value;
}

// ---- GitHub Actions: a small runner for the steps of a composite action or a workflow job ----

interface Step {
  id?: string;
  if?: string;
  uses?: string;
  run?: string;
  env?: Record<string, string>;
  with?: Record<string, string>;
}

interface Context {
  inputs: Record<string, string>;
  steps: Record<string, { outputs: Record<string, string> }>;
  secrets: Record<string, string>;
  runner: { temp: string };
  github: { action_path: string };
}

/** `${{ a.b.c }}` with plain property paths only; anything else fails the test (keep templates simple). */
function evaluate(text: string, ctx: Context): string {
  return text.replace(/\$\{\{\s*([^}]+?)\s*\}\}/g, (_m, expr: string) => {
    if (!/^[a-z_]+(\.[A-Za-z0-9_-]+)+$/.test(expr)) throw new Error(`expression not supported by the test runner: ${expr}`);
    let cur: unknown = ctx;
    for (const seg of expr.split('.')) cur = cur && typeof cur === 'object' ? (cur as Record<string, unknown>)[seg] : undefined;
    return cur === undefined ? '' : String(cur);
  });
}

interface StepRun {
  step: Step;
  result?: Bash;
}

const ACTION = yamlFile('action.yml') as {
  inputs: Record<string, { default: string }>;
  outputs: Record<string, { value: string }>;
  runs: { using: string; steps: Step[] };
};

/** Run the action's steps with `with` inputs; uses: steps are checked for a pinned version and skipped. */
function runAction(
  withInputs: Record<string, string>,
  cwd: string,
  base: { runnerTemp: string; summary: string; secrets?: Record<string, string> },
): { runs: StepRun[]; outputs: Record<string, string> } {
  const inputs = Object.fromEntries(Object.entries(ACTION.inputs).map(([k, v]) => [k, withInputs[k] ?? v.default]));
  const ctx: Context = { inputs, steps: {}, secrets: base.secrets ?? {}, runner: { temp: base.runnerTemp }, github: { action_path: ROOT } };
  const runs = runSteps(ACTION.runs.steps, ctx, cwd, base);
  const outputs = Object.fromEntries(Object.entries(ACTION.outputs).map(([k, v]) => [k, evaluate(v.value, ctx)]));
  return { runs, outputs };
}

function runSteps(steps: Step[], ctx: Context, cwd: string, base: { runnerTemp: string; summary: string }): StepRun[] {
  const runs: StepRun[] = [];
  for (const step of steps) {
    if (step.uses) {
      expect(step.uses, 'a used action is pinned to a version').toMatch(/@v\d+(\.\d+)*$/);
      runs.push({ step });
      continue;
    }
    const env = Object.fromEntries(Object.entries(step.env ?? {}).map(([k, v]) => [k, evaluate(String(v), ctx)]));
    const script = evaluate(step.run!, ctx);
    if (step.id === 'install') {
      // installs a pinned release from the network: checked, not run
      const syntax = bash(script, cwd, env, true);
      expect(syntax.code, syntax.stderr).toBe(0);
      runs.push({ step });
      continue;
    }
    const output = path.join(base.runnerTemp, `output-${runs.length}`);
    writeFileSync(output, '');
    const result = bash(script, cwd, { ...env, GITHUB_OUTPUT: output, GITHUB_STEP_SUMMARY: base.summary, RUNNER_TEMP: base.runnerTemp });
    if (step.id) {
      const outputs = Object.fromEntries(
        readFileSync(output, 'utf8')
          .split('\n')
          .filter(Boolean)
          .map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]),
      );
      ctx.steps[step.id] = { outputs };
    }
    runs.push({ step, result });
  }
  return runs;
}

function workspace(): { cwd: string; runnerTemp: string; summary: string } {
  const cwd = mkdtempSync(path.join(tmpdir(), 'ar-ci-'));
  const runnerTemp = path.join(cwd, '_temp');
  mkdirSync(runnerTemp);
  const summary = path.join(runnerTemp, 'summary.md');
  writeFileSync(summary, '');
  return { cwd, runnerTemp, summary };
}

describe('action.yml (composite)', () => {
  it('is a composite action whose inputs all have defaults and descriptions', () => {
    expect(ACTION.runs.using).toBe('composite');
    for (const [name, input] of Object.entries(ACTION.inputs)) {
      expect(input, name).toHaveProperty('default');
      expect(input, name).toHaveProperty('description');
    }
  });

  it('on the demo: annotations on stdout, the Markdown report in the job summary, SARIF for upload, and the job fails (fail-on high)', () => {
    const ws = workspace();
    const { runs, outputs } = runAction({ config: DEMO }, ws.cwd, ws);
    const check = runs.find((r) => r.step.id === 'check')!.result!;
    expect(check.code, check.stderr).toBe(0);
    expect(check.stdout).toMatch(/^::error file=[^,]+,line=\d+,title=AR-[A-Z]+-\d+ /m);
    expect(outputs['exit-code']).toBe('1');
    expect(outputs.sarif).toBe('auditready-reports/auditready.sarif');
    expect(JSON.parse(readFileSync(path.join(ws.cwd, outputs.sarif!), 'utf8')).version).toBe('2.1.0');
    expect(readFileSync(ws.summary, 'utf8')).toMatch(/^#+ auditready/m);
    const gate = runs.find((r) => r.step.id === 'gate')!.result!;
    expect(gate.code).toBe(1);
    expect(gate.stdout).toContain('::error title=auditready::gating findings (exit 1)');
    expect(runs.filter((r) => r.step.uses).map((r) => r.step.uses)).toEqual(['actions/setup-node@v4', 'github/codeql-action/upload-sarif@v3']);
  });

  it('fail-on never reports without failing; a config error still fails with exit 2', () => {
    const ws = workspace();
    const never = runAction({ config: DEMO, 'fail-on': 'never' }, ws.cwd, ws);
    expect(never.outputs['exit-code']).toBe('1');
    expect(never.runs.find((r) => r.step.id === 'gate')!.result!.code).toBe(0);
    const ws2 = workspace();
    const broken = runAction({ config: 'missing.yaml' }, ws2.cwd, ws2);
    expect(broken.outputs['exit-code']).toBe('2');
    const gate = broken.runs.find((r) => r.step.id === 'gate')!.result!;
    expect(gate.code).toBe(2);
    expect(gate.stdout).toContain('auditready could not run (exit 2)');
  });
});

describe('ci/github/scheduled-audit.yml', () => {
  it('runs daily with the pinned action and keeps a signed evidence bundle per run', () => {
    const wf = yamlFile('ci/github/scheduled-audit.yml') as { on: { schedule: { cron: string }[] }; jobs: { audit: { steps: Step[] } } };
    expect(wf.on.schedule[0]!.cron).toMatch(/^(\S+\s+){4}\S+$/);
    const ws = workspace();
    const { privateKey } = generateKeyPairSync('ed25519');
    const ctx: Context = {
      inputs: {},
      steps: {},
      secrets: { AUDIT_SIGNING_KEY: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString() },
      runner: { temp: ws.runnerTemp },
      github: { action_path: ROOT },
    };
    const steps = wf.jobs.audit.steps;
    for (const step of steps) {
      if (step.uses === 'actions/checkout@v4') {
        // The checkout holds the config and its facts files (facts outside the config's folder need facts_roots).
        writeFileSync(path.join(ws.cwd, 'auditready.yaml'), readFileSync(DEMO, 'utf8'));
        cpSync(path.join(path.dirname(DEMO), 'facts'), path.join(ws.cwd, 'facts'), { recursive: true });
      } else if (step.uses?.includes('/auditready@')) {
        expect(step.uses).toMatch(/@v\d+\.\d+\.\d+$/);
        const withInputs = Object.fromEntries(Object.entries(step.with ?? {}).map(([k, v]) => [k, evaluate(String(v), ctx)]));
        const r = runAction(withInputs, ws.cwd, { ...ws, secrets: ctx.secrets });
        ctx.steps[step.id!] = { outputs: r.outputs };
        expect(r.runs.find((x) => x.step.id === 'gate')!.result!.code).toBe(0); // fail-on: never
      } else {
        runSteps([step], ctx, ws.cwd, ws);
      }
    }
    const bundle = ctx.steps.key!.outputs.bundle!;
    expect(bundle).toMatch(/^evidence-\d{8}T\d{6}Z$/);
    expect(existsSync(path.join(ws.cwd, bundle, 'manifest.json'))).toBe(true);
    expect(existsSync(path.join(ws.cwd, bundle, 'manifest.sig'))).toBe(true);
    expect(existsSync(path.join(ws.runnerTemp, 'audit-signing.pem'))).toBe(false); // the key is removed
    const verify = bash(`auditready verify "${bundle}"`, ws.cwd, {});
    expect(verify.code, verify.stdout).toBe(0);
    const upload = steps.find((s) => s.uses?.startsWith('actions/upload-artifact@'))!;
    expect(evaluate(String(upload.with!.path), ctx)).toBe(`${bundle}/`);
  });
});

describe('ci/gitlab/auditready.gitlab-ci.yml', () => {
  const ci = yamlFile('ci/gitlab/auditready.gitlab-ci.yml') as {
    variables: Record<string, string>;
    auditready: { before_script: string[]; script: string[]; artifacts: { reports: Record<string, string>; paths: string[] } };
  };

  it('stops with a clear message when the package is not pinned; its script lines gate on the demo and leave every report it declares', () => {
    const ws = workspace();
    const env = { ...ci.variables, AUDITREADY_CONFIG: DEMO };
    const [guard, install, version] = ci.auditready.before_script;
    const g = bash(guard!, ws.cwd, env);
    expect(g.code).not.toBe(0);
    expect(g.stderr).toContain('set AUDITREADY_PACKAGE to the auditready release tarball URL, pinned to a version');
    expect(bash(install!, ws.cwd, env, true).code).toBe(0);
    expect(bash(version!, ws.cwd, env).code).toBe(0);
    const [validate, check] = ci.auditready.script.map((line) => bash(line, ws.cwd, env));
    expect(validate!.code, validate!.stderr).toBe(0);
    expect(check!.code).toBe(1); // the demo has gating findings: the job fails, artifacts are kept (when: always)
    for (const report of Object.values(ci.auditready.artifacts.reports)) expect(existsSync(path.join(ws.cwd, report)), report).toBe(true);
    expect(Array.isArray(JSON.parse(readFileSync(path.join(ws.cwd, ci.auditready.artifacts.reports.codequality!), 'utf8')))).toBe(true);
    for (const p of ci.auditready.artifacts.paths) expect(readdirSync(path.join(ws.cwd, p)).length, p).toBeGreaterThan(0);
    expect(existsSync(path.join(ws.cwd, 'evidence', 'manifest.json'))).toBe(true);
  });
});

describe('ci/jenkins/Jenkinsfile', () => {
  const text = readFileSync(path.join(ROOT, 'ci', 'jenkins', 'Jenkinsfile'), 'utf8');
  const shells = [...text.matchAll(/\bsh(?:\(returnStatus: true, script:)? '([^']+)'/g)].map((m) => m[1]!);
  const env = Object.fromEntries([...text.matchAll(/^\s+(AUDITREADY_[A-Z_]+) = '([^']*)'$/gm)].map((m) => [m[1]!, m[2]!]));

  it('installs only a pinned package, validates, checks, and publishes the JUnit and evidence it archives', () => {
    expect(shells).toHaveLength(3);
    const ws = workspace();
    const [install, validate, check] = shells;
    const i = bash(install!, ws.cwd, env);
    expect(i.code).not.toBe(0);
    expect(i.stderr).toContain('set AUDITREADY_PACKAGE');
    const run = { ...env, AUDITREADY_CONFIG: DEMO };
    expect(bash(validate!, ws.cwd, run).code).toBe(0);
    expect(bash(check!, ws.cwd, run).code).toBe(1);
    const junit = /junit testResults: '([^']+)'/.exec(text)![1]!;
    expect(readFileSync(path.join(ws.cwd, junit), 'utf8')).toContain('<testsuites');
    expect(text).toMatch(/archiveArtifacts artifacts: 'reports\/\*\*, evidence\/\*\*'/);
    expect(existsSync(path.join(ws.cwd, 'evidence', 'manifest.json'))).toBe(true);
  });
});

describe('.pre-commit-hooks.yaml', () => {
  const hooks = yamlFile('.pre-commit-hooks.yaml') as { id: string; entry: string; files: string; pass_filenames: boolean; language: string }[];
  const hook = (id: string) => hooks.find((h) => h.id === id)!;

  it('config validate runs on auditready configs only, with the files pre-commit passes', () => {
    const h = hook('auditready-config-validate');
    const files = new RegExp(h.files);
    expect(['auditready.yaml', 'deploy/auditready.prod.yml'].every((f) => files.test(f))).toBe(true);
    expect(['facts/jenkins.yaml', 'auditready.json', 'argocd/argocd-cm.yaml'].some((f) => files.test(f))).toBe(false);
    const r = spawnSync('bash', ['-c', `${h.entry} "$@"`, 'hook', DEMO, fixture('kubernetes', 'secure', 'auditready.yaml')], {
      env: { PATH: shimPath(), NO_COLOR: '1' },
      encoding: 'utf8',
    });
    expect(r.status, r.stderr).toBe(0);
    const bad = spawnSync('bash', ['-c', `${h.entry} "$@"`, 'hook', fixture('invalid', 'unknown-type.yaml')], {
      env: { PATH: shimPath(), NO_COLOR: '1' },
      encoding: 'utf8',
    });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/unknown-type\.yaml:\d+:\d+: unknown target type/);
  });

  it('policies test runs opa test on the custom policy folder given as args', () => {
    const h = hook('auditready-policies-test');
    expect(h.pass_filenames).toBe(false);
    const dir = mkdtempSync(path.join(tmpdir(), 'ar-ci-policies-'));
    const scaffold = bash('auditready policies new require_backup --pillar retention --dir policies.d --prefix ACME --fact audit_log.backup', dir, {
      OPA_BIN: OPA,
    });
    expect(scaffold.code, scaffold.stderr).toBe(0);
    const r = bash(`${h.entry} policies.d`, dir, { OPA_BIN: OPA });
    expect(r.code, r.stdout + r.stderr).toBe(0);
  });
});

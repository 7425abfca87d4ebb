/**
 * Files a user hands to auditready (config, facts): only regular files, size-capped, valid
 * UTF-8, no YAML bombs; each refused with one clear line, never a hang or a stack trace.
 */
import { cpSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { sha256 } from '../../src/util/hash.js';
import { fixture } from '../helpers/run.js';
import { cliWithin, expectCleanError, expectRefused, factsConfig, mkfifo, tag, tmpDir } from '../helpers/survive.js';
import type { Report } from '../../src/report/types.js';

const JENKINS = fixture('demo', 'facts', 'jenkins-ci-prod.yaml');

describe('facts and config files', () => {
  it(tag('files', 'a FIFO as facts file is refused at once, never read (no hang)'), () => {
    const dir = tmpDir();
    const fifo = path.join(dir, 'facts.yaml');
    mkfifo(fifo);
    const r = cliWithin(['check', '-c', factsConfig(fifo), '--format', 'json'], { timeoutMs: 20_000 });
    expectRefused(r, /FIFO, not a regular file/);
  });

  it(tag('files', 'a device (/dev/zero) as facts file is refused, never read'), () => {
    const r = cliWithin(['check', '-c', factsConfig('/dev/zero'), '--format', 'json'], { timeoutMs: 20_000 });
    expectRefused(r, /character device, not a regular file/);
  });

  it(tag('files', 'a FIFO as config file is a config error'), () => {
    const fifo = path.join(tmpDir(), 'auditready.yaml');
    mkfifo(fifo);
    const r = cliWithin(['check', '-c', fifo], { timeoutMs: 20_000 });
    expectCleanError(r);
    expect(r.stderr).toMatch(/auditready\.yaml: is a FIFO, not a regular file/);
  });

  it(tag('files', 'a facts file over the size cap is refused with the limit and how to raise it'), () => {
    const dir = tmpDir();
    const big = path.join(dir, 'big.yaml');
    writeFileSync(big, `${readFileSync(JENKINS, 'utf8')}\n# ${'x'.repeat(2 * 1024 * 1024)}\n`);
    const r = cliWithin(['check', '-c', factsConfig(big), '--format', 'json'], { env: { AUDITREADY_MAX_FILE_MB: '1' } });
    expectRefused(r, /big\.yaml: is 2(\.\d)? MB, over the 1 MB limit \(raise it with limits\.max_file_mb in the config or AUDITREADY_MAX_FILE_MB\)/);
  });

  it(tag('files', 'the config can raise the facts file cap (limits.max_file_mb)'), () => {
    const dir = tmpDir();
    const big = path.join(dir, 'big.yaml');
    writeFileSync(big, `${readFileSync(JENKINS, 'utf8')}\n# ${'x'.repeat(2 * 1024 * 1024)}\n`);
    const r = cliWithin(['check', '-c', factsConfig(big, 'limits: { max_file_mb: 4 }\n'), '--format', 'json'], { env: { AUDITREADY_MAX_FILE_MB: '1' } });
    expect(r.stderr).not.toMatch(/limit/);
    expect(JSON.parse(r.stdout).summary.total).toBeGreaterThan(0);
  });

  it(tag('files', 'a config file over the cap is a config error'), () => {
    const file = path.join(tmpDir(), 'auditready.yaml');
    writeFileSync(file, `version: 1\n# ${'x'.repeat(1024 * 1024)}\ntargets: []\n`);
    const r = cliWithin(['check', '-c', file], { env: { AUDITREADY_MAX_FILE_MB: '0.5' } });
    expectCleanError(r);
    expect(r.stderr).toMatch(/auditready\.yaml: is 1(\.0)? MB, over the 512 KB limit/);
  });

  it(tag('files', 'a non-UTF-8 facts file is an error at its line, not silently altered'), () => {
    const dir = tmpDir();
    const file = path.join(dir, 'latin1.yaml');
    const text = readFileSync(JENKINS, 'utf8').replace('observed_from: JCasC export', 'observed_from: JCasC export M\u00fcnchen');
    writeFileSync(file, Buffer.from(text, 'latin1'));
    const line = text.split('\n').findIndex((l) => l.includes('M\u00fcnchen')) + 1;
    const r = cliWithin(['check', '-c', factsConfig(file), '--format', 'json']);
    expectRefused(r, new RegExp(`latin1\\.yaml:${line}:\\d+: not valid UTF-8 \\(byte 0xfc`));
  });

  it(tag('files', 'the recorded sha256 is that of the file bytes, also with a byte order mark'), () => {
    const dir = tmpDir();
    const file = path.join(dir, 'bom.yaml');
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), readFileSync(JENKINS)]);
    writeFileSync(file, bytes);
    const r = cliWithin(['collect', '-c', factsConfig(file)]);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).tools[0].source.sha256).toBe(sha256(bytes));
  });

  it(tag('files', 'a YAML alias bomb in the config is refused at the alias, no stack trace'), () => {
    const file = path.join(tmpDir(), 'auditready.yaml');
    const levels = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (let i = 1; i < 9; i++) {
      const prev = String.fromCharCode(96 + i);
      const name = String.fromCharCode(97 + i);
      levels.push(`${name}: &${name} [${Array(9).fill(`*${prev}`).join(',')}]`);
    }
    writeFileSync(file, `version: 1\nparameters:\n${levels.map((l) => `  ${l}`).join('\n')}\ntargets: []\n`);
    const r = cliWithin(['check', '-c', file], { timeoutMs: 20_000 });
    expectCleanError(r);
    expect(r.stderr).toMatch(/auditready\.yaml:\d+:\d+: invalid YAML: aliases expand too far/);
  });

  it(tag('files', 'absurdly deep nesting is an error, not a stack overflow'), () => {
    const file = path.join(tmpDir(), 'auditready.yaml');
    writeFileSync(file, `version: 1\nparameters: {x: ${'['.repeat(200_000)}${']'.repeat(200_000)}}\ntargets: []\n`);
    const r = cliWithin(['check', '-c', file], { timeoutMs: 30_000 });
    expectCleanError(r);
    expect(r.stderr).toMatch(/auditready\.yaml/);
  });
});

describe("a native collector's files (files: of Argo CD, Kubernetes)", () => {
  it(tag('files', 'a FIFO among files: is a config error at its line, never opened (no hang)'), () => {
    const dir = tmpDir();
    cpSync(fixture('argocd', 'secure', 'argocd-cm.yaml'), path.join(dir, 'argocd-cm.yaml'));
    mkfifo(path.join(dir, 'argocd-rbac-cm.yaml'));
    const config = path.join(dir, 'auditready.yaml');
    writeFileSync(config, 'version: 1\ntargets:\n  - type: argocd\n    name: prod\n    files: [argocd-cm.yaml, argocd-rbac-cm.yaml]\n');
    const r = cliWithin(['check', '-c', config, '--format', 'json'], { timeoutMs: 20_000 });
    expectCleanError(r);
    expect(r.stderr).toMatch(/auditready\.yaml:5:\d+: files: .*argocd-rbac-cm\.yaml is a FIFO, not a regular file/);
  });

  it(tag('files', 'a file over the size cap makes that tool unknown with the limit; the others are reported'), () => {
    const dir = tmpDir();
    cpSync(fixture('kubernetes'), dir, { recursive: true });
    const big = path.join(dir, 'insecure', 'kube-apiserver.yaml');
    writeFileSync(big, `${readFileSync(big, 'utf8')}\n# ${'x'.repeat(2 * 1024 * 1024)}\n`);
    const r = cliWithin(['check', '-c', path.join(dir, 'broken', 'auditready.yaml'), '--format', 'json'], { env: { AUDITREADY_MAX_FILE_MB: '1' } });
    expect(r.code, r.stderr).toBe(1);
    const errors = JSON.parse(r.stdout).collection_errors as { tool: string; message: string }[];
    expect(errors.map((e) => e.tool).sort()).toEqual(['kubernetes/blog-example', 'kubernetes/legacy']);
    expect(errors.find((e) => e.tool === 'kubernetes/legacy')!.message).toMatch(
      /kube-apiserver\.yaml: is 2(\.\d)? MB, over the 1 MB limit \(raise it with limits\.max_file_mb/,
    );
  });
});

/** Six levels of nine aliases each: 9^6 nodes if expanded. */
const ALIAS_BOMB = ['a: &a [x,x,x,x,x,x,x,x,x]', ...'bcdef'.split('').map((k, i) => `${k}: &${k} [${Array(9).fill(`*${'abcde'[i]}`).join(',')}]`)];

describe('Jenkins and GitLab files (files: of the CI/CD collectors)', () => {
  it(tag('files', "a FIFO among a GitLab target's files: is a config error at its line, never opened (no hang)"), () => {
    const dir = tmpDir();
    cpSync(fixture('gitlab', 'secure', 'gitlab.rb'), path.join(dir, 'gitlab.rb'));
    mkfifo(path.join(dir, 'settings.json'));
    const config = path.join(dir, 'auditready.yaml');
    writeFileSync(config, 'version: 1\ntargets:\n  - type: gitlab\n    name: g\n    files: [gitlab.rb, settings.json]\n');
    const r = cliWithin(['check', '-c', config, '--format', 'json'], { timeoutMs: 20_000 });
    expectCleanError(r);
    expect(r.stderr).toMatch(/auditready\.yaml:5:\d+: files: .*settings\.json is a FIFO, not a regular file/);
  });

  it(tag('files', 'a Jenkins or GitLab file over the size cap makes that tool unknown with the limit; the others are reported'), () => {
    const dir = tmpDir();
    cpSync(fixture('jenkins', 'secure', 'jenkins.yaml'), path.join(dir, 'jenkins.yaml'));
    cpSync(fixture('gitlab', 'secure', 'gitlab.rb'), path.join(dir, 'gitlab.rb'));
    writeFileSync(path.join(dir, 'gitlab.rb'), `${readFileSync(path.join(dir, 'gitlab.rb'), 'utf8')}\n# ${'x'.repeat(2 * 1024 * 1024)}\n`);
    const config = path.join(dir, 'auditready.yaml');
    writeFileSync(
      config,
      'version: 1\ntargets:\n  - type: jenkins\n    name: ci\n    files: [jenkins.yaml]\n  - type: gitlab\n    name: g\n    files: [gitlab.rb]\n',
    );
    const r = cliWithin(['check', '-c', config, '--format', 'json'], { env: { AUDITREADY_MAX_FILE_MB: '1' } });
    expect(r.code, r.stderr).toBe(1);
    const report = JSON.parse(r.stdout) as Required<Report>;
    expect(report.collection_errors.map((e) => e.tool)).toEqual(['gitlab/g']);
    expect(report.collection_errors[0]!.message).toMatch(/gitlab\.rb: is 2(\.\d)? MB, over the 1 MB limit \(raise it with limits\.max_file_mb/);
    expect(report.findings.some((f) => f.tool === 'jenkins/ci' && f.status === 'pass')).toBe(true);
  });

  it(tag('files', 'a YAML alias bomb in JCasC embedded in a ConfigMap makes that Jenkins unknown at its line, no stack trace'), () => {
    const dir = tmpDir();
    const jcasc = [...ALIAS_BOMB, 'jenkins:', '  systemMessage: hi'].map((l) => `    ${l}`).join('\n');
    writeFileSync(path.join(dir, 'cm.yaml'), `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: jenkins-casc\ndata:\n  jcasc.yaml: |\n${jcasc}\n`);
    cpSync(fixture('jenkins', 'secure', 'jenkins.yaml'), path.join(dir, 'jenkins.yaml'));
    const config = path.join(dir, 'auditready.yaml');
    writeFileSync(
      config,
      'version: 1\ntargets:\n  - type: jenkins\n    name: bomb\n    files: [cm.yaml]\n  - type: jenkins\n    name: ci\n    files: [jenkins.yaml]\n',
    );
    const r = cliWithin(['check', '-c', config, '--format', 'json'], { timeoutMs: 30_000 });
    expectCleanError(r, 1);
    const report = JSON.parse(r.stdout) as Required<Report>;
    expect(report.collection_errors).toEqual([
      expect.objectContaining({
        tool: 'jenkins/bomb',
        line: 8,
        message: expect.stringMatching(/cm\.yaml:8:\d+: invalid YAML in data\.jcasc\.yaml: aliases expand too far/),
      }),
    ]);
  });

  it(tag('files', 'gitlab.rb with an alias bomb as LDAP servers and absurdly nested hashes: those settings unreadable (SSO unknown), no stack trace'), () => {
    const dir = tmpDir();
    const rb = [
      "external_url 'https://gitlab.example.com'",
      "gitlab_rails['ldap_enabled'] = true",
      "gitlab_rails['ldap_servers'] = YAML.load <<-'EOS'",
      ...ALIAS_BOMB,
      'EOS',
      `gitlab_rails['env'] = ${"{'a' => ".repeat(20_000)}1${'}'.repeat(20_000)}`,
    ].join('\n');
    writeFileSync(path.join(dir, 'gitlab.rb'), `${rb}\n`);
    const config = path.join(dir, 'auditready.yaml');
    writeFileSync(config, 'version: 1\ntargets:\n  - type: gitlab\n    name: g\n    files: [gitlab.rb]\n');
    const r = cliWithin(['collect', '-c', config], { timeoutMs: 30_000 });
    expectCleanError(r, 0);
    const tool = (JSON.parse(r.stdout) as { tools: { identity: { sso_provider: unknown }; gaps: { fact: string; reason: string; detail: string }[] }[] })
      .tools[0]!;
    expect(tool.identity.sso_provider).toBeNull();
    expect(tool.gaps).toContainEqual(
      expect.objectContaining({
        fact: 'identity.sso_provider',
        reason: 'error',
        detail: expect.stringMatching(/line 3: gitlab_rails\['ldap_servers'\] could not be read/),
      }),
    );
  });
});

describe('outputs never overwrite inputs', () => {
  it(tag('files', '--out refuses to overwrite the config (before collecting) and leaves it intact'), () => {
    const config = factsConfig(JENKINS);
    const before = readFileSync(config, 'utf8');
    const r = cliWithin(['check', '-c', config, '--format', 'json', '--out', config]);
    expectCleanError(r);
    expect(r.stderr).toMatch(/--out .*auditready\.yaml: refusing to overwrite .*auditready\.yaml, an input of this run/);
    expect(readFileSync(config, 'utf8')).toBe(before);
  });

  it(tag('files', '--out refuses to overwrite a facts file (also through a symbolic link), for check and collect'), () => {
    const dir = tmpDir();
    const facts = path.join(dir, 'jenkins.yaml');
    writeFileSync(facts, readFileSync(JENKINS));
    const config = path.join(dir, 'auditready.yaml');
    writeFileSync(config, 'version: 1\ntargets:\n  - { type: jenkins, name: ci, facts: jenkins.yaml }\n');
    const link = path.join(tmpDir(), 'out.json');
    symlinkSync(facts, link);
    for (const args of [
      ['check', '-c', config, '--format', 'json', '--out', link],
      ['collect', '-c', config, '--out', facts],
    ]) {
      const r = cliWithin(args);
      expectCleanError(r);
      expect(r.stderr).toMatch(/refusing to overwrite .*jenkins\.yaml, an input of this run/);
    }
    expect(readFileSync(facts)).toEqual(readFileSync(JENKINS));
  });

  it(tag('files', "--out refuses to overwrite a native collector's input (Argo CD files mode), for check and collect"), () => {
    const dir = tmpDir();
    cpSync(fixture('argocd', 'secure'), dir, { recursive: true });
    const config = path.join(dir, 'auditready.yaml');
    const input = path.join(dir, 'argocd-rbac-cm.yaml');
    const before = readFileSync(input);
    for (const args of [
      ['check', '-c', config, '--format', 'json', '--out', input],
      ['collect', '-c', config, '--out', input],
    ]) {
      const r = cliWithin(args);
      expectCleanError(r);
      expect(r.stderr).toMatch(/refusing to overwrite .*argocd-rbac-cm\.yaml, an input of this run/);
    }
    expect(readFileSync(input)).toEqual(before);
  });

  it(tag('files', 'evaluate --out refuses to overwrite the bundle it reads'), () => {
    const ev = path.join(tmpDir(), 'evidence');
    cliWithin(['check', '-c', fixture('demo', 'auditready.yaml'), '--evidence', ev]);
    const findings = path.join(ev, 'findings.json');
    const r = cliWithin(['evaluate', '--evidence', ev, '--out', findings]);
    expectCleanError(r);
    expect(cliWithin(['verify', ev]).code).toBe(0);
  });
});

describe('facts files outside the config folder', () => {
  it(tag('files', "a facts path leaving the config's folder is an error at its line unless allowed"), () => {
    const dir = tmpDir();
    const config = path.join(dir, 'auditready.yaml');
    writeFileSync(config, `version: 1\ntargets:\n  - type: jenkins\n    name: ci\n    facts: ${JSON.stringify(JENKINS)}\n`);
    const r = cliWithin(['check', '-c', config]);
    expectCleanError(r);
    expect(r.stderr).toMatch(
      /auditready\.yaml:5:12: facts file .*jenkins-ci-prod\.yaml is outside the config's folder; allow its folder with facts_roots in the config or --facts-root/,
    );
    const viaFlag = cliWithin(['check', '-c', config, '--format', 'json', '--facts-root', path.dirname(JENKINS)]);
    expect(viaFlag.code, viaFlag.stderr).toBe(1);
    writeFileSync(
      config,
      `version: 1\nfacts_roots: [${JSON.stringify(path.relative(dir, path.dirname(JENKINS)))}]\ntargets:\n  - { type: jenkins, name: ci, facts: ${JSON.stringify(path.relative(dir, JENKINS))} }\n`,
    );
    expect(cliWithin(['collect', '-c', config]).code).toBe(0);
  });

  it(tag('files', "a symbolic link in the config's folder pointing outside it is outside"), () => {
    const dir = tmpDir();
    symlinkSync('/etc/hostname', path.join(dir, 'facts.yaml'));
    const config = path.join(dir, 'auditready.yaml');
    writeFileSync(config, 'version: 1\ntargets:\n  - { type: jenkins, name: ci, facts: facts.yaml }\n');
    const r = cliWithin(['check', '-c', config]);
    expectCleanError(r);
    expect(r.stderr).toMatch(/facts file facts\.yaml is outside the config's folder/);
  });
});

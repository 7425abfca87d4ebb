import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { cli, fixture } from '../helpers/run.js';
import type { Report } from '../../src/report/types.js';

/** A config repository: Argo CD ConfigMaps, a kube-apiserver manifest and audit policy, JCasC, gitlab.rb and a saved GitLab API response, chrony.conf, Loki, a package.json, a README. */
function estate(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'ar-init-'));
  const put = (rel: string, text: string) => {
    mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    writeFileSync(path.join(dir, rel), text);
  };
  mkdirSync(path.join(dir, 'argocd'));
  for (const f of ['argocd-cm.yaml', 'argocd-rbac-cm.yaml']) copyFileSync(fixture('argocd', 'secure', f), path.join(dir, 'argocd', f));
  mkdirSync(path.join(dir, 'cluster'));
  for (const f of ['kube-apiserver.yaml', 'policy.yaml']) copyFileSync(fixture('kubernetes', 'secure', f), path.join(dir, 'cluster', f));
  put('ci/jenkins.yaml', 'jenkins:\n  securityRealm:\n    local:\n      allowsSignup: false\n');
  mkdirSync(path.join(dir, 'gitlab'));
  copyFileSync(fixture('gitlab', 'secure', 'gitlab.rb'), path.join(dir, 'gitlab', 'gitlab.rb'));
  copyFileSync(fixture('gitlab', 'secure', 'api', 'application_settings.json'), path.join(dir, 'gitlab', 'application_settings.json'));
  put('app/package.json', '{ "name": "web", "version": "1.0.0" }\n'); // JSON, but no GitLab API response: not proposed
  put('hosts/chrony.conf', 'pool 2.debian.pool.ntp.org iburst\ndriftfile /var/lib/chrony/chrony.drift\nmakestep 1 3\nrtcsync\n');
  put('logging/loki.yaml', 'auth_enabled: true\nschema_config:\n  configs: []\n');
  put('app/deployment.yaml', 'apiVersion: apps/v1\nkind: Deployment\nmetadata: { name: web }\n'); // no collector reads it: not proposed
  put('README.md', '# platform\n');
  return dir;
}

describe('auditready init', () => {
  it('writes a commented config with files: for what native collectors read (every type found here has one, so no starter facts file); it validates and checks', () => {
    const dir = estate();
    const r = cli(['init'], { cwd: dir, env: { GITHUB_TOKEN: '' } });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const text = readFileSync(path.join(dir, 'auditready.yaml'), 'utf8');
    // the first line points editors at the config schema shipped in the package
    const ref = /^# yaml-language-server: \$schema=(.+)\n/.exec(text)![1]!;
    expect(JSON.parse(readFileSync(path.resolve(dir, ref), 'utf8')).$id).toMatch(/config\.schema\.json$/);
    const config = parse(text) as { targets: { type: string; name: string; files?: string[]; facts?: string }[] };
    expect(config.targets).toEqual([
      { type: 'argocd', name: 'argocd', files: ['argocd/argocd-cm.yaml', 'argocd/argocd-rbac-cm.yaml'] },
      { type: 'jenkins', name: 'ci', files: ['ci/jenkins.yaml'] },
      { type: 'kubernetes', name: 'cluster', files: ['cluster/kube-apiserver.yaml', 'cluster/policy.yaml'] },
      { type: 'gitlab', name: 'gitlab', files: ['gitlab/application_settings.json', 'gitlab/gitlab.rb'] },
      { type: 'chrony', name: 'hosts', files: ['hosts/chrony.conf'] },
      { type: 'loki', name: 'logging', files: ['logging/loki.yaml'] },
    ]);
    expect(text).toContain('# found hosts/chrony.conf: a chrony configuration file'); // the chrony collector's recognizer
    expect(text).toContain('# found cluster/policy.yaml: an audit.k8s.io Policy');
    expect(text).toContain('# found ci/jenkins.yaml: a JCasC document'); // the Jenkins collector's recognizer, not a starter facts file
    expect(text).toContain('# found gitlab/gitlab.rb: gitlab.rb');
    expect(text).not.toContain('deployment.yaml');
    expect(text).not.toContain('package.json');
    expect(existsSync(path.join(dir, 'facts'))).toBe(false);
    const v = cli(['config', 'validate'], { cwd: dir });
    expect(v.code, v.stderr).toBe(0);
    const c = cli(['check', '--format', 'json'], { cwd: dir });
    expect(c.code, c.stderr).toBe(1); // unknown facts gate; nothing is a config error
    const report = JSON.parse(c.stdout) as Report;
    for (const id of ['argocd/argocd', 'jenkins/ci', 'gitlab/gitlab', 'chrony/hosts', 'loki/logging'])
      expect(report.snapshots.find((s) => s.id === id)?.source.method, id).toBe('file');
  });

  it('never overwrites without --force, writing nothing at all; --force replaces', () => {
    const dir = estate();
    writeFileSync(path.join(dir, 'auditready.yaml'), '# mine\n');
    const r = cli(['init'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('auditready.yaml exists in .; nothing written (use --force to replace)');
    expect(readFileSync(path.join(dir, 'auditready.yaml'), 'utf8')).toBe('# mine\n');
    expect(existsSync(path.join(dir, 'facts'))).toBe(false);
    expect(cli(['init', '--force'], { cwd: dir }).code).toBe(0);
    expect(readFileSync(path.join(dir, 'auditready.yaml'), 'utf8')).toContain('targets:');
  });

  it('--type keeps only those types and starts a facts file for a type not found; --dir and -c choose where', () => {
    const dir = estate();
    const r = cli(['init', '--yes', '--dir', dir, '-c', 'audit.yaml', '--type', 'argocd,vault']);
    expect(r.code, r.stderr).toBe(0);
    const config = parse(readFileSync(path.join(dir, 'audit.yaml'), 'utf8')) as { targets: { type: string }[] };
    expect(config.targets.map((t) => t.type)).toEqual(['argocd', 'vault']);
    expect(existsSync(path.join(dir, 'facts', 'vault-main.yaml'))).toBe(true);
    expect(cli(['config', 'validate', '-c', path.join(dir, 'audit.yaml')]).code).toBe(0);
    const bad = cli(['init', '--dir', dir, '--type', 'jenkinz']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--type: unknown tool type "jenkinz"');
  });

  it('proposes the GitHub organization of the origin remote when GITHUB_TOKEN is set, and only then', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'ar-init-gh-'));
    expect(spawnSync('git', ['init', '-q', dir]).status).toBe(0);
    expect(spawnSync('git', ['-C', dir, 'remote', 'add', 'origin', 'git@github.com:acme-corp/platform-config.git']).status).toBe(0);
    const r = cli(['init', '--print'], { cwd: dir, env: { GITHUB_TOKEN: 'ghp_not_a_real_token_000000000000000000' } });
    expect(r.code, r.stderr).toBe(0);
    const config = parse(r.stdout) as { targets: unknown[] };
    expect(config.targets).toEqual([{ type: 'github', name: 'acme-corp', token_env: 'GITHUB_TOKEN', options: { org: 'acme-corp' } }]);
    expect(r.stdout).not.toContain('ghp_not_a_real_token');
    expect(existsSync(path.join(dir, 'auditready.yaml'))).toBe(false); // --print writes nothing
    const none = cli(['init', '--print'], { cwd: dir, env: { GITHUB_TOKEN: '' } });
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('found no tool configuration');
  });
});

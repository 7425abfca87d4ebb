import { mkdtempSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { actorFrom } from '../../src/evidence/actor.js';
import { reevaluateBundle } from '../../src/evidence/evaluate.js';

describe('who ran it', () => {
  it('GitLab CI job', () => {
    expect(
      actorFrom({
        USER: 'gitlab-runner',
        GITLAB_CI: 'true',
        CI: 'true',
        CI_PIPELINE_ID: '77',
        CI_JOB_ID: '901',
        CI_JOB_NAME: 'audit',
        CI_JOB_URL: 'https://gitlab.example/acme/platform/-/jobs/901',
        CI_PROJECT_PATH: 'acme/platform',
        CI_COMMIT_SHA: 'def',
        GITLAB_USER_LOGIN: 'dana',
      }),
    ).toEqual({
      user: 'gitlab-runner',
      ci: {
        provider: 'gitlab-ci',
        run_id: '77',
        job: 'audit #901',
        url: 'https://gitlab.example/acme/platform/-/jobs/901',
        repository: 'acme/platform',
        commit: 'def',
        triggered_by: 'dana',
      },
    });
  });

  it('Jenkins build', () => {
    const a = actorFrom({
      USER: 'jenkins',
      JENKINS_URL: 'https://ci.example/',
      BUILD_URL: 'https://ci.example/job/audit/12/',
      BUILD_NUMBER: '12',
      JOB_NAME: 'audit',
    });
    expect(a.ci).toMatchObject({ provider: 'jenkins', run_id: '12', job: 'audit', url: 'https://ci.example/job/audit/12/' });
  });

  it('a developer machine: the user, no CI; secrets in the environment are never copied', () => {
    const a = actorFrom({ USER: 'dana', GITHUB_TOKEN: 'ghp_secret', AWS_SECRET_ACCESS_KEY: 'x' });
    expect(a).toEqual({ user: 'dana', ci: null });
    expect(JSON.stringify(actorFrom({ GITHUB_ACTIONS: 'true', GITHUB_TOKEN: 'ghp_secret', USER: 'r' }))).not.toContain('ghp_secret');
  });
});

describe('bundle paths', () => {
  it('a manifest cannot make evaluate read outside the bundle', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'ar-evil-'));
    mkdirSync(path.join(dir, 'x'));
    writeFileSync(path.join(dir, 'evaluation.json'), '{}');
    const manifest = {
      bundle_version: '1',
      tool: { name: 'auditready', version: '0' },
      as_of: '2026-01-01T00:00:00Z',
      run: { started_at: '2026-01-01T00:00:00Z', finished_at: '2026-01-01T00:00:00Z' },
      files: [],
      tools: [{ id: 'a/b', raw: [], normalized: '../../etc/passwd' }],
    };
    writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify(manifest));
    await expect(reevaluateBundle(dir)).rejects.toThrow(/invalid manifest: tools\.0\.normalized: must match pattern/);
    // and the reader itself refuses such a path, whatever the manifest says
    const { bundlePath } = await import('../../src/evidence/files.js');
    expect(() => bundlePath(dir, '../../etc/passwd')).toThrow(/path "\.\.\/\.\.\/etc\/passwd" leaves the bundle/);
  });
});

describe('CI identity is redacted', () => {
  it('a Jenkins GIT_URL with user:token@ keeps its host, not its credentials', () => {
    const a = actorFrom({
      USER: 'jenkins',
      JENKINS_URL: 'https://ci.example/',
      GIT_URL: 'https://deploy:ghp_0123456789abcdefghijABCDEFGHIJ012345@github.com/acme/infra.git',
    });
    expect(a.ci?.repository).toBe('https://[REDACTED]@github.com/acme/infra.git');
    expect(JSON.stringify(a)).not.toContain('ghp_');
  });
});

describe('CI variables in the bundle manifest are redacted', () => {
  it('[survives:secrets] tokens in CI URLs and a registered token in any CI variable', async () => {
    const { registerSecrets, clearSecrets } = await import('../../src/util/redact.js');
    const token = 'ci-canary-value-55731';
    registerSecrets([token]);
    try {
      const gitlab = actorFrom({
        GITLAB_CI: 'true',
        CI_JOB_URL: 'https://gitlab.example.com/acme/x/-/jobs/9?private_token=glsecret0123',
        CI_PROJECT_PATH: `acme/x ${token}`,
        CI_JOB_ID: '9',
        CI_JOB_NAME: 'audit',
      });
      const text = JSON.stringify(gitlab);
      expect(text).not.toContain('glsecret0123');
      expect(text).not.toContain(token);
      const jenkins = actorFrom({ JENKINS_URL: 'https://ci/', BUILD_URL: 'https://ci/job/1/', GIT_URL: 'deploy:pa/ss@word@git.example.com:acme/infra.git' });
      expect(JSON.stringify(jenkins)).not.toMatch(/pa\/ss|word@git/);
    } finally {
      clearSecrets();
    }
  });
});

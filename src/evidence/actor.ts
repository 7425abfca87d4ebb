import os from 'node:os';
import { redactText } from '../util/redact.js';

/** Who or what ran the check: the user, and the CI job when there is one. Only named variables are read. */
export interface Actor {
  user: string | null;
  ci: {
    provider: 'github-actions' | 'gitlab-ci' | 'jenkins' | 'ci';
    run_id: string | null;
    job: string | null;
    url: string | null;
    repository: string | null;
    commit: string | null;
    triggered_by: string | null;
  } | null;
}

export interface Host {
  hostname: string;
  platform: string;
  arch: string;
  node: string;
}

type Env = Readonly<Record<string, string | undefined>>;

/** A CI variable, redacted: URLs such as Jenkins' GIT_URL often carry user:token@. */
const v = (env: Env, name: string): string | null => {
  const value = env[name];
  return value === undefined || value === '' ? null : redactText(value);
};

export function actorFrom(env: Env): Actor {
  let user = v(env, 'USER') ?? v(env, 'USERNAME');
  if (user === null) {
    try {
      user = os.userInfo().username;
    } catch {
      user = null;
    }
  }
  if (env.GITHUB_ACTIONS === 'true') {
    const server = v(env, 'GITHUB_SERVER_URL');
    const repo = v(env, 'GITHUB_REPOSITORY');
    const runId = v(env, 'GITHUB_RUN_ID');
    return {
      user,
      ci: {
        provider: 'github-actions',
        run_id: runId,
        job: [v(env, 'GITHUB_WORKFLOW'), v(env, 'GITHUB_JOB')].filter(Boolean).join(' / ') || null,
        url: server && repo && runId ? `${server}/${repo}/actions/runs/${runId}` : null,
        repository: repo,
        commit: v(env, 'GITHUB_SHA'),
        triggered_by: v(env, 'GITHUB_ACTOR'),
      },
    };
  }
  if (env.GITLAB_CI === 'true') {
    return {
      user,
      ci: {
        provider: 'gitlab-ci',
        run_id: v(env, 'CI_PIPELINE_ID'),
        job: v(env, 'CI_JOB_ID') ? `${v(env, 'CI_JOB_NAME') ?? 'job'} #${v(env, 'CI_JOB_ID')}` : null,
        url: v(env, 'CI_JOB_URL'),
        repository: v(env, 'CI_PROJECT_PATH'),
        commit: v(env, 'CI_COMMIT_SHA'),
        triggered_by: v(env, 'GITLAB_USER_LOGIN'),
      },
    };
  }
  if (env.JENKINS_URL || env.BUILD_URL) {
    return {
      user,
      ci: {
        provider: 'jenkins',
        run_id: v(env, 'BUILD_NUMBER'),
        job: v(env, 'JOB_NAME') ?? v(env, 'BUILD_TAG'),
        url: v(env, 'BUILD_URL'),
        repository: v(env, 'GIT_URL'),
        commit: v(env, 'GIT_COMMIT'),
        triggered_by: v(env, 'BUILD_USER_ID'),
      },
    };
  }
  if (env.CI) {
    return {
      user,
      ci: { provider: 'ci', run_id: v(env, 'CI_JOB_ID'), job: null, url: v(env, 'BUILD_URL'), repository: null, commit: null, triggered_by: null },
    };
  }
  return { user, ci: null };
}

export function hostInfo(): Host {
  return { hostname: os.hostname(), platform: `${os.platform()} ${os.release()}`, arch: os.arch(), node: process.version };
}

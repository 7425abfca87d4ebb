import type { ConfigRef, RawTarget, TargetPlan } from './kit/plan.js';
import { checkCredentials as checkCredentialsWith, planTarget as planWith } from './kit/plan.js';
import { checkOptionsSchema } from './kit/options.js';
import { argocdCollector } from './argocd/index.js';
import { cloudwatchCollector } from './cloudwatch/index.js';
import { distributionCollector } from './distribution/index.js';
import { elasticsearchCollector } from './elasticsearch/index.js';
import { factsCollector } from './facts/index.js';
import { githubCollector } from './github/index.js';
import { gitlabCollector } from './gitlab/index.js';
import { harborCollector } from './harbor/index.js';
import { jenkinsCollector } from './jenkins/index.js';
import { kubernetesCollector } from './kubernetes/index.js';
import { lokiCollector } from './loki/index.js';
import { s3Collector } from './s3/index.js';
import { splunkCollector } from './splunk/index.js';
import { chronyCollector, ntpsecCollector, timesyncdCollector } from './time/index.js';
import { vaultCollector } from './vault/index.js';
import type { AnyCollector } from './types.js';

/**
 * Every collector, by name: one line each. A new tool is a folder under src/collectors/ plus one
 * line here (see kit/README.md). `facts` reads `facts:` on any target; the others read their tool
 * types natively, in files mode and/or live.
 */
export const collectors = {
  facts: factsCollector,
  github: githubCollector,
  argocd: argocdCollector,
  jenkins: jenkinsCollector,
  gitlab: gitlabCollector,
  kubernetes: kubernetesCollector,
  chrony: chronyCollector,
  ntpsec: ntpsecCollector,
  timesyncd: timesyncdCollector,
  distribution: distributionCollector,
  vault: vaultCollector,
  harbor: harborCollector,
  loki: lokiCollector,
  s3: s3Collector,
  cloudwatch: cloudwatchCollector,
  elasticsearch: elasticsearchCollector,
  splunk: splunkCollector,
} as const satisfies Record<string, AnyCollector>;

for (const c of Object.values(collectors) as AnyCollector[]) checkOptionsSchema(c);

/** Which collector and mode read a target, with every config check (called by loadConfig). */
export function planTarget(target: RawTarget, config: ConfigRef): TargetPlan {
  return planWith(target, collectors, 'facts', config);
}

/** Every live target's token variable is set (before anything is collected). */
export function checkCredentials(targets: readonly (RawTarget & TargetPlan)[], env: Readonly<Record<string, string | undefined>>, config: ConfigRef): void {
  checkCredentialsWith(targets, collectors, env, config);
}

export function collectorNamed(name: string): AnyCollector {
  const c = (collectors as Record<string, AnyCollector>)[name];
  if (!c) throw new Error(`no collector named ${name}`);
  return c;
}

import type { Category } from './types.js';

/**
 * Tool types the model knows, with their category. A target in auditready.yaml must name one.
 * A type without a native collector yet can still be checked with a facts file.
 */
export const TOOL_TYPES = {
  github: 'source-control',
  gitlab: 'source-control',
  bitbucket: 'source-control',
  jenkins: 'ci',
  'gitlab-runner': 'ci',
  argocd: 'cd',
  flux: 'cd',
  kubernetes: 'cluster',
  vault: 'secrets',
  openbao: 'secrets',
  loki: 'log-store',
  elasticsearch: 'log-store',
  opensearch: 'log-store',
  s3: 'log-store',
  cloudwatch: 'log-store',
  splunk: 'log-store',
  chrony: 'time',
  ntpsec: 'time',
  timesyncd: 'time',
  harbor: 'registry',
  artifactory: 'registry',
  // The CNCF Distribution registry (Debian's docker-registry), configured by its config.yml.
  distribution: 'registry',
} as const satisfies Record<string, Category>;

export type ToolType = keyof typeof TOOL_TYPES;

export function isToolType(t: string): t is ToolType {
  return Object.hasOwn(TOOL_TYPES, t);
}

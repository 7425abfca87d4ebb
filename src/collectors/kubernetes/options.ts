import { LIVE_OPTION_PROPERTIES, type LiveOptions } from '../kit/live-options.js';

/** `options:` of a kubernetes target. */
export interface KubernetesOptions extends LiveOptions {
  readonly kubeconfig?: string;
  readonly context?: string;
  readonly ca_file?: string;
  readonly apiserver_pods?: readonly string[];
  readonly audit_store?: string;
  readonly page_size?: number;
}

export const KUBERNETES_OPTIONS_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  properties: {
    ...LIVE_OPTION_PROPERTIES,
    kubeconfig: {
      type: 'string',
      minLength: 1,
      description: 'live mode: a kubeconfig file (relative to this config, or ~/...) whose credentials read the API: client certificates, tokens, exec plugins',
    },
    context: { type: 'string', minLength: 1, description: 'live mode: the kubeconfig context to use (default: its current-context)' },
    ca_file: {
      type: 'string',
      minLength: 1,
      description: "live mode with token_env: the cluster CA certificate (PEM) the API server's certificate is checked against",
    },
    apiserver_pods: {
      type: 'array',
      minItems: 1,
      uniqueItems: true,
      items: { type: 'string', pattern: '^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$' },
      description: 'live mode: the kube-apiserver static Pods of kube-system to get by name, when the credentials may get but not list Pods there',
    },
    audit_store: {
      type: 'string',
      pattern: '^[a-z][a-z0-9-]*/[A-Za-z0-9][A-Za-z0-9._:@-]*$',
      description: 'the log-store target (type/name) the audit webhook delivers to, so AR-XTL-001 judges its retention',
    },
    page_size: { type: 'integer', minimum: 10, maximum: 5000, description: 'live mode: objects per page of a list, 10-5000 (default 500)' },
  },
} as const;

import { LIVE_OPTION_PROPERTIES, type LiveOptions } from '../kit/live-options.js';

/** `options:` of a jenkins target (live mode; files mode takes none). */
export interface JenkinsOptions extends LiveOptions {
  readonly user?: string;
}

export const JENKINS_OPTIONS_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  properties: {
    ...LIVE_OPTION_PROPERTIES,
    user: { type: 'string', pattern: '^[^\\s:]+$', description: 'live mode: the Jenkins user the API token in token_env belongs to (no spaces or colons)' },
  },
} as const;

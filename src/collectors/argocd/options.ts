import { LIVE_OPTION_PROPERTIES, type LiveOptions } from '../kit/live-options.js';

/** `options:` of an argocd target (live mode only; files mode takes none). */
export type ArgocdOptions = LiveOptions;

export const ARGOCD_OPTIONS_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  properties: { ...LIVE_OPTION_PROPERTIES },
} as const;

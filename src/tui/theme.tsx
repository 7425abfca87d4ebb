import { createContext, useContext } from 'react';
import type { Status } from '../report/types.js';

/** Colours by meaning. With NO_COLOR every entry is undefined and text stays plain. */
export interface Theme {
  readonly isColor: boolean;
  status(status: Status | 'none' | 'other'): string | undefined;
  severity(severity: string): string | undefined;
  readonly accent: string | undefined;
  readonly dim: boolean;
}

const STATUS_COLOURS: Record<string, string> = {
  pass: 'green',
  fail: 'red',
  unknown: 'yellow',
  error: 'magenta',
  waived: 'cyan',
  not_applicable: 'gray',
  other: 'gray',
  none: 'gray',
};
const SEVERITY_COLOURS: Record<string, string> = { critical: 'magenta', high: 'red', medium: 'yellow', low: 'blue' };

export function makeTheme(isColor: boolean): Theme {
  return {
    isColor,
    status: (s) => (isColor ? STATUS_COLOURS[s] : undefined),
    severity: (s) => (isColor ? SEVERITY_COLOURS[s] : undefined),
    accent: isColor ? 'cyan' : undefined,
    dim: isColor,
  };
}

/** Colour unless NO_COLOR is set (any value) or TERM is dumb — the same rule as the table reporter. */
export function colorFromEnv(env: NodeJS.ProcessEnv = process.env): boolean {
  return !env.NO_COLOR && env.TERM !== 'dumb';
}

export const ThemeContext = createContext<Theme>(makeTheme(false));
export const useTheme = (): Theme => useContext(ThemeContext);

/** Status labels: the reporters' own, so every output names a status the same way. */
export { STATUS_LABEL } from '../reporters/common.js';

export const PILLAR_LABEL: Record<string, string> = {
  identity: 'identity',
  access: 'access',
  event_tracking: 'events',
  centralized_logging: 'central',
  retention: 'retain',
  time: 'time',
  cross_tool: 'cross',
};

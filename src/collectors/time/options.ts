/** `options:` of a chrony, ntpsec or timesyncd target, as JSON Schema (validated at config load). */
import { LIVE_OPTION_PROPERTIES } from '../kit/live-options.js';
import type { Daemon } from './documents.js';

export interface TimeOptions {
  /** Live mode: the client binary (a name on PATH or a path). */
  readonly command?: string;
  /** Live mode: per command, milliseconds. */
  readonly timeout_ms?: number;
  /** Live mode on the host itself: also run `timedatectl show` for the host's time zone (chrony, ntpsec). */
  readonly timedatectl?: boolean;
  /** Files mode: a confdir, sourcedir or include whose files are not given is empty on the host (chrony, ntpsec). */
  readonly complete?: boolean;
}

export const CLIENT: Record<Daemon, string> = { chrony: 'chronyc', ntpsec: 'ntpq', timesyncd: 'timedatectl' };

export function timeOptionsSchema(daemon: Daemon) {
  return {
    type: 'object',
    additionalProperties: false,
    properties: {
      command: {
        type: 'string',
        pattern: '^\\S+$',
        description: `live mode: the ${CLIENT[daemon]} binary to run, a name on PATH or a path (default ${CLIENT[daemon]})`,
      },
      timeout_ms: { ...LIVE_OPTION_PROPERTIES.timeout_ms, description: 'live mode: timeout per command in milliseconds, 100-600000 (default 30000)' },
      ...(daemon === 'timesyncd'
        ? {}
        : {
            timedatectl: {
              type: 'boolean',
              description: "live mode on the host itself (a unix: or loopback endpoint): also run `timedatectl show` for the host's time zone",
            },
            complete: {
              type: 'boolean',
              description: `files mode: true when every ${daemon === 'chrony' ? 'confdir, sourcedir and include' : 'includefile'} whose files are not given is empty on the host`,
            },
          }),
    },
  } as const;
}

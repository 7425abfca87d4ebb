/**
 * What `init` recognizes for tool types that no native collector reads from files yet: just
 * enough to propose a starter facts file for the type, naming the file it was found in. A type
 * whose collector declares `documents` (src/collectors/index.ts) is recognized by that
 * collector's own recognizers instead (detect.ts skips the hint), so a collector that lands
 * for one of these types replaces its hint without a change here. The hint then still tells
 * apart collectors that read the same file (chrony's and NTPsec's both read `server` lines):
 * detect.ts gives such a file to the one whose hint matches, or to none.
 */
import type { ToolType } from '../model/tool-types.js';

export interface StarterHint {
  readonly type: ToolType;
  /** What the file is, for the config comment: "a Jenkins Configuration-as-Code file". */
  readonly describe: string;
  /** By content: the text, and the parsed YAML/JSON documents when it parses (else []). */
  readonly match: (text: string, documents: readonly unknown[]) => boolean;
  /**
   * Whether the text has what only this type has (a directive of its own daemon), where several
   * collectors read the same file: detect.ts gives the file to the one type it holds.
   */
  readonly own?: (text: string) => boolean;
}

const topKeys = (docs: readonly unknown[]): Set<string> =>
  new Set(docs.flatMap((d) => (d && typeof d === 'object' && !Array.isArray(d) ? Object.keys(d) : [])));

/** A line only chrony's configuration has / only NTPsec's has. */
const CHRONY_OWN = /^(makestep|rtcsync|ntsdumpdir|leapsectz|cmdport|bindcmdaddress|maxupdateskew)\b/;
const NTPSEC_OWN = /^(restrict|statsdir|filegen|tos|nts\s+(enable|key|cert))\b/;

const hasLine = (text: string, re: RegExp): boolean => text.split('\n').some((l) => re.test(l.trim()));

/** Lines of a time daemon's config: `server`/`pool` lines plus directives only that daemon has. */
function timeConfig(text: string, own: RegExp): boolean {
  return hasLine(text, /^(server|pool)\s+\S+/) && hasLine(text, own);
}

export const STARTER_HINTS: readonly StarterHint[] = [
  { type: 'loki', describe: 'a Grafana Loki configuration', match: (_t, d) => topKeys(d).has('schema_config') },
  {
    type: 'distribution',
    describe: 'a Distribution (docker-registry) configuration',
    match: (_t, d) => {
      const keys = topKeys(d);
      return keys.has('version') && keys.has('storage') && keys.has('http');
    },
  },
  { type: 'chrony', describe: 'a chrony.conf', match: (t) => timeConfig(t, CHRONY_OWN), own: (t) => hasLine(t, CHRONY_OWN) },
  { type: 'ntpsec', describe: 'an NTPsec ntp.conf', match: (t) => timeConfig(t, NTPSEC_OWN), own: (t) => hasLine(t, NTPSEC_OWN) },
  // systemd's unit-file syntax is also what Splunk's collector reads (stanzas of key = value): the [Time] section is timesyncd's.
  { type: 'timesyncd', describe: 'a timesyncd.conf', match: (t) => hasLine(t, /^\[Time\]$/), own: (t) => hasLine(t, /^\[Time\]$/) },
];

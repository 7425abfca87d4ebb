/**
 * What `init` recognizes for tool types that no native collector reads from files yet: just
 * enough to propose a starter facts file for the type, naming the file it was found in. A type
 * whose collector declares `documents` (src/collectors/index.ts) is recognized by that
 * collector's own recognizers instead (detect.ts skips the hint), so a collector that lands
 * for one of these types replaces its hint without a change here.
 */
import type { ToolType } from '../model/tool-types.js';

export interface StarterHint {
  readonly type: ToolType;
  /** What the file is, for the config comment: "a Jenkins Configuration-as-Code file". */
  readonly describe: string;
  /** By content: the text, and the parsed YAML/JSON documents when it parses (else []). */
  readonly match: (text: string, documents: readonly unknown[]) => boolean;
}

const topKeys = (docs: readonly unknown[]): Set<string> =>
  new Set(docs.flatMap((d) => (d && typeof d === 'object' && !Array.isArray(d) ? Object.keys(d) : [])));

/** Lines of a time daemon's config: `server`/`pool` lines plus directives only that daemon has. */
function timeConfig(text: string, own: RegExp): boolean {
  const lines = text.split('\n').map((l) => l.trim());
  return lines.some((l) => /^(server|pool)\s+\S+/.test(l)) && lines.some((l) => own.test(l));
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
  { type: 'chrony', describe: 'a chrony.conf', match: (t) => timeConfig(t, /^(makestep|rtcsync|ntsdumpdir|leapsectz|cmdport|bindcmdaddress|maxupdateskew)\b/) },
  { type: 'ntpsec', describe: 'an NTPsec ntp.conf', match: (t) => timeConfig(t, /^(restrict|statsdir|filegen|tos|nts\s+(enable|key|cert))\b/) },
];

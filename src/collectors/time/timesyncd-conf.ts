/**
 * systemd-timesyncd's timesyncd.conf (systemd 252, timesyncd.conf(5)): the [Time] section's
 * NTP=, FallbackNTP= and RootDistanceMaxSec=, then the drop-ins of timesyncd.conf.d/*.conf in
 * file-name order. List settings append; an empty assignment resets the list.
 */
import path from 'node:path';
import type { ConfigText } from './chrony-conf.js';
import type { ConfigProblem, ConfiguredSource, Place, Setting, TimeConfig } from './config.js';

/** Debian 12's compiled-in FallbackNTP= (systemd 252, debian/rules -Dntp-servers). */
const DEBIAN_FALLBACK_NTP = ['0.debian.pool.ntp.org', '1.debian.pool.ntp.org', '2.debian.pool.ntp.org', '3.debian.pool.ntp.org'];

interface Assignment {
  readonly key: string;
  readonly value: string;
  readonly at: Place;
}

/** The assignments of the [Time] section, with their positions; other sections are skipped. */
function timeSection(f: ConfigText, problems: ConfigProblem[]): Assignment[] {
  const out: Assignment[] = [];
  let section = '';
  f.text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#') || line.startsWith(';')) return;
    const col = raw.search(/\S/) + 1;
    const place: Place = { file: f.display, line: i + 1, col, text: raw };
    const header = /^\[([^\]]+)\]$/.exec(line);
    if (header) {
      section = header[1]!;
      return;
    }
    const eq = line.indexOf('=');
    if (eq <= 0) {
      problems.push({ at: place, message: `expected Key=Value in a [${section || 'Time'}] section` });
      return;
    }
    if (section === 'Time') out.push({ key: line.slice(0, eq).trim(), value: line.slice(eq + 1).trim(), at: place });
  });
  return out;
}

export function readTimesyncdConfig(main: ConfigText, dropIns: readonly ConfigText[]): TimeConfig {
  const problems: ConfigProblem[] = [];
  const notes: string[] = [];
  const ordered = [...dropIns].sort((a, b) => path.basename(a.display).localeCompare(path.basename(b.display)));
  const ntp: { name: string; at: Place }[] = [];
  const fallback: { name: string; at: Place }[] = [];
  let fallbackSet = false;
  let maxDistanceMs: Setting<number> = { value: 5000, at: null, defaultNote: 'systemd-timesyncd default RootDistanceMaxSec=5' };
  for (const f of [main, ...ordered]) {
    for (const a of timeSection(f, problems)) {
      if (a.key === 'NTP' || a.key === 'FallbackNTP') {
        const list = a.key === 'NTP' ? ntp : fallback;
        if (a.key === 'FallbackNTP') fallbackSet = true;
        if (a.value === '') list.length = 0;
        for (const name of a.value.split(/\s+/).filter(Boolean)) list.push({ name, at: a.at });
      } else if (a.key === 'RootDistanceMaxSec') {
        const n = Number(a.value.replace(/s(ec)?$/, ''));
        if (Number.isFinite(n)) maxDistanceMs = { value: n * 1000, at: a.at };
        else problems.push({ at: a.at, message: `RootDistanceMaxSec needs a number of seconds, not "${a.value}"` });
      }
    }
  }
  const toSource = (s: { name: string; at: Place }): ConfiguredSource => ({
    kind: 'server',
    name: s.name,
    nts: false,
    keyId: null,
    iburst: false,
    noselect: false,
    at: s.at,
  });
  let sources: ConfiguredSource[];
  if (ntp.length > 0) {
    sources = ntp.map(toSource);
    if (fallback.length > 0 || !fallbackSet) notes.push('FallbackNTP= is used only when NTP= and the network (DHCP) give no server');
  } else if (fallbackSet) {
    sources = fallback.map(toSource);
    notes.push('NTP= is empty: timesyncd uses servers from the network (DHCP, systemd-networkd) first, then FallbackNTP=');
  } else {
    sources = DEBIAN_FALLBACK_NTP.map((name) => ({ kind: 'server', name, nts: false, keyId: null, iburst: false, noselect: false, at: null }));
    notes.push(`NTP= and FallbackNTP= are unset: timesyncd uses servers from the network, then Debian's compiled-in fallback ${DEBIAN_FALLBACK_NTP.join(' ')}`);
  }
  return {
    daemon: 'timesyncd',
    files: [main.display, ...ordered.map((f) => f.display)],
    sources,
    local: null,
    minSources: { value: 1, at: null, defaultNote: 'systemd-timesyncd synchronizes from one server at a time' },
    maxDistanceMs,
    step: {
      value: 'any time the offset exceeds 0.4 s',
      at: null,
      defaultNote: 'systemd-timesyncd steps offsets above 0.4 s (NTP_MAX_ADJUST) and slews smaller ones',
    },
    problems,
    unresolved: [],
    notes,
  };
}

/**
 * From what was read (configuration files, the daemon's status outputs — captured in files or run
 * live) to the model, one fact at a time through the facts builder. The daemon's own report wins
 * over its configuration for what it does now; a configuration alone never proves that the clock is
 * synchronized. Files and live mode fill the same TimeInputs, so one host read both ways gives the
 * same facts; only the sources differ.
 */
import type { FactSource, Resource } from '../../model/types.js';
import type { BuiltFacts, FactPath, FactsBuilder } from '../kit/facts.js';
import { type Missing, notCollected, ok, type Outcome } from '../kit/result.js';
import type { AuthData, ChronySource, LeapStatus, Tracking } from './chronyc.js';
import { trackingSynchronized } from './chronyc.js';
import type { ConfiguredSource, Place, Setting, TimeConfig } from './config.js';
import type { Daemon } from './documents.js';
import type { NtpAssociation, NtpPeer, NtpSystem } from './ntpq.js';
import { rvLocalReference, rvSynchronized } from './ntpq.js';
import { durationMs, type Properties } from './timedatectl.js';

/** A status output (a captured file, or a command run live), parsed, and where it was read. */
export interface Read<T> {
  readonly value: T;
  /** Where line `line` of the output was read (no line: the output as a whole). */
  at(line?: number): FactSource;
  /** Where the first line containing `needle` was read. */
  find(needle: string): FactSource;
  /** How to name it in a gap or a detail: "tracking.csv" or "`chronyc -c tracking`". */
  readonly label: string;
}

/** A status output, or why there is none (not given; not permitted). */
export type Input<T> = Outcome<Read<T>>;

export interface TimeInputs {
  readonly daemon: Daemon;
  /** The configuration read from files, or null when none was given. */
  readonly config: TimeConfig | null;
  readonly chrony?: { readonly tracking: Input<Tracking>; readonly sources: Input<ChronySource[]>; readonly authdata: Input<AuthData[]> };
  readonly ntpsec?: { readonly rv: Input<NtpSystem>; readonly peers: Input<NtpPeer[]>; readonly associations: Input<NtpAssociation[]> };
  readonly timesyncd?: { readonly showTimesync: Input<Properties>; readonly status: Input<Properties> };
  /** `timedatectl show` of the host: the zone (every daemon) and, for timesyncd, NTPSynchronized=. */
  readonly show: Input<Properties>;
  /** How to give the missing status outputs, for gap texts. */
  readonly liveHint: string;
}

/** What the normalization leaves for source.details and resources. */
export interface TimeDetails {
  readonly details: Record<string, unknown>;
  readonly resources: Resource[];
}

/** Six decimals, and no negative zero (a zero offset is 0, whatever the sign it was printed with). */
/** To the nanosecond of a millisecond; a value too large for that scaling is already whole. */
const round = (n: number): number => (Number.isFinite(n * 1e6) ? Math.round(n * 1e6) / 1e6 || 0 : n);
const placeSource = (p: Place): FactSource => ({ file: p.file, line: p.line, column: p.col });
const placeText = (p: Place): string => `${p.file}:${p.line}`;

const settingText = (s: Setting<unknown>): string => `${String(s.value)} (${s.at ? placeText(s.at) : `default: ${s.defaultNote}`})`;

/** Upstream sources of a configuration that can set the clock (noselect ones cannot). */
const upstream = (config: TimeConfig): ConfiguredSource[] => config.sources.filter((s) => !s.noselect);
const unique = (names: readonly string[]): string[] => [...new Set(names)];

const TIME_FACTS: readonly FactPath[] = ['time.synchronized', 'time.offset_ms', 'time.error_bound_ms'];

export function normalizeTime(inputs: TimeInputs, f: FactsBuilder): { facts: BuiltFacts } & TimeDetails {
  const cfg = inputs.config;
  const state = daemonState(inputs);
  const liveNeeded = `a configuration file alone never proves the clock's state; ${inputs.liveHint}`;

  // --- not applicable to a time daemon -------------------------------------------------------
  const na: Record<string, string> = {
    identity: 'a time daemon has no user accounts or sign-in',
    access: 'a time daemon has no roles; who may query or change it is its command access (cmdallow, restrict), in source.details',
    audit_log: 'a time daemon keeps no audit log of user actions; its own logs are measurements',
  };
  for (const p of f.unset()) {
    const group = p.split('.')[0]!;
    if (na[group]) f.gap(p, 'not_applicable', na[group]!);
  }

  f.set('time.sync_daemon', inputs.daemon);

  // --- synchronized, offset, error bound: only the daemon's own report says -------------------
  if (state.status.ok && !state.status.value.value.synchronized) {
    // No synchronized reference: an offset or error bound the daemon prints then measures nothing
    // (ntpd starting reports a dispersion of a few microseconds); stating one could pass AR-TIM-102.
    const { value: s, sources } = state.status.value;
    f.set('time.synchronized', false, ...sources.synchronized);
    f.gapEach(
      ['time.offset_ms', 'time.error_bound_ms'],
      'not_applicable',
      `the daemon is not synchronized to a reference (${s.state}): there is no offset or error bound to report`,
      { sources: sources.synchronized },
    );
  } else if (state.status.ok) {
    const { value: s, sources } = state.status.value;
    f.set('time.synchronized', s.synchronized, ...sources.synchronized);
    const why = s.offsetMissing ?? notCollected('the status output gives no offset, root delay or dispersion');
    if (s.offsetMs === null) f.gap('time.offset_ms', why.reason, why.detail);
    else f.set('time.offset_ms', round(s.offsetMs), ...sources.offset);
    if (s.errorBoundMs === null) f.gap('time.error_bound_ms', why.reason, why.detail);
    else f.set('time.error_bound_ms', round(s.errorBoundMs), ...sources.offset);
  } else {
    const m = state.status;
    f.gapEach(TIME_FACTS, m.reason, m.reason === 'not_collected' ? liveNeeded : m.detail, m.permission ? { permission: m.permission } : {});
  }

  // --- local reference: the daemon's report, else the configuration ----------------------------
  if (state.status.ok && state.status.value.value.localReference !== null) {
    f.set('time.local_reference', state.status.value.value.localReference, ...state.status.value.sources.reference);
  } else if (inputs.daemon === 'timesyncd') {
    f.set('time.local_reference', false, { default: 'systemd-timesyncd is an NTP client only: it cannot serve or follow the host clock as a reference' });
  } else if (cfg) {
    const local = cfg.local;
    const directive = inputs.daemon === 'chrony' ? 'local' : 'tos orphan';
    if (local?.at && upstream(cfg).length === 0) f.set('time.local_reference', true, placeSource(local.at));
    else if (local?.at)
      // With upstream sources, `local`/orphan is a fallback: the live state says whether it is in use.
      f.set('time.local_reference', false, placeSource(local.at), ...upstream(cfg).flatMap((s) => (s.at ? [placeSource(s.at)] : [])));
    else f.set('time.local_reference', false, { file: cfg.files[0]!, default: `no ${directive} directive: the host clock is never the reference` });
  } else {
    f.gap('time.local_reference', 'not_collected', `whether the host clock is the reference is in the configuration or the status output; ${inputs.liveHint}`);
  }

  // --- sources: the usable ones the daemon reports, else the configured ones --------------------
  if (state.sources.ok) {
    const { value: list, read } = state.sources.value;
    const usable = list.filter((s) => s.usable);
    f.set('time.sources', unique(usable.map((s) => s.name)), ...(usable.length > 0 ? usable.map((s) => read.at(s.line)) : [read.at()]));
  } else if (cfg) {
    const open = cfg.unresolved[0];
    if (open) {
      f.gap(
        'time.sources',
        'not_collected',
        `${placeText(open.at)} reads ${open.what}, whose files were not given; give them too, set options.complete: true if it is empty on the host, or give the status output`,
        { sources: [placeSource(open.at)] },
      );
    } else {
      const up = upstream(cfg);
      f.set(
        'time.sources',
        unique(up.map((s) => s.name)),
        ...(up.length > 0
          ? up.map((s) => (s.at ? placeSource(s.at) : { file: cfg.files[0]!, default: `${s.name}: compiled-in FallbackNTP=` }))
          : [{ file: cfg.files[0]! }]),
      );
    }
  } else {
    const m = state.sources;
    f.gap('time.sources', m.reason, m.reason === 'not_collected' ? `the sources are in the configuration or the status output; ${inputs.liveHint}` : m.detail);
  }

  // --- authenticated: every upstream source uses NTS or a symmetric key ------------------------
  authenticated(inputs, state, f);

  // --- timestamp_timezone: the host's zone from `timedatectl show` ------------------------------
  const show = inputs.show;
  const zone = show.ok ? show.value.value.get('Timezone') : undefined;
  if (show.ok && zone) f.set('time.timestamp_timezone', zone, show.value.find('Timezone='));
  else if (!show.ok && show.reason !== 'not_collected') f.gap('time.timestamp_timezone', show.reason, show.detail);
  else
    f.gap(
      'time.timestamp_timezone',
      'not_collected',
      show.ok
        ? `${show.value.label} has no Timezone=`
        : "the host's time zone is in `timedatectl show` (Timezone=): give its output, or set options.timedatectl where systemd runs",
    );

  return { facts: f.build(), details: details(inputs, state), resources: sourceResources(cfg, state) };
}

function authenticated(inputs: TimeInputs, state: DaemonState, f: FactsBuilder): void {
  const cfg = inputs.config;
  if (inputs.daemon === 'timesyncd') {
    f.set('time.authenticated', false, { default: 'systemd-timesyncd supports neither NTS nor symmetric keys (timesyncd.conf(5))' });
    return;
  }
  if (state.auth.ok) {
    f.set('time.authenticated', state.auth.value.value, ...state.auth.value.sources);
    return;
  }
  const why = state.auth;
  if (cfg) {
    const open = cfg.unresolved[0];
    if (open) {
      f.gap(
        'time.authenticated',
        'not_collected',
        `${placeText(open.at)} reads ${open.what}, whose files were not given: a source there may be unauthenticated`,
        {
          sources: [placeSource(open.at)],
        },
      );
      return;
    }
    // The configuration says which sources use `nts` or `key N` (what the daemon would use).
    const network = upstream(cfg).filter((s) => s.kind !== 'refclock');
    const weak = network.filter((s) => !s.nts && s.keyId === null);
    const from = (weak.length > 0 ? weak : network).flatMap((s) => (s.at ? [placeSource(s.at)] : []));
    f.set('time.authenticated', network.length > 0 && weak.length === 0, ...(from.length > 0 ? from : [{ file: cfg.files[0]! }]));
    return;
  }
  f.gap(
    'time.authenticated',
    why.reason,
    why.reason === 'not_collected'
      ? `whether the sources use NTS or keys is in the configuration (nts, key N) or in \`${inputs.daemon === 'chrony' ? 'chronyc -c -N authdata' : 'ntpq -c associations'}\`; give one`
      : why.detail,
    why.permission ? { permission: why.permission } : {},
  );
}

// --- the daemon's own report, one shape for the three daemons ------------------------------------

interface Status {
  readonly synchronized: boolean;
  /** What the daemon reports that decides it, for texts: "reference ID 00000000, leap status not synchronised". */
  readonly state: string;
  readonly offsetMs: number | null;
  readonly errorBoundMs: number | null;
  /** Why the offset is not known although the status is (timesyncd without timesync-status). */
  readonly offsetMissing?: Missing;
  readonly localReference: boolean | null;
  /** For source.details: what the daemon reports beyond the facts. */
  readonly report: Record<string, unknown>;
}

interface LiveSource {
  readonly name: string;
  readonly usable: boolean;
  readonly state: string;
  readonly stratum: number | null;
  readonly offsetMs: number | null;
  readonly authenticated: boolean | null;
  readonly line: number | undefined;
}

interface DaemonState {
  readonly status: Outcome<{
    value: Status;
    sources: { synchronized: FactSource[]; offset: FactSource[]; reference: FactSource[] };
  }>;
  readonly sources: Outcome<{ value: LiveSource[]; read: Read<unknown> }>;
  readonly auth: Outcome<{ value: boolean; sources: FactSource[] }>;
  /** timesyncd's RootDistanceMaxSec from show-timesync (details). */
  readonly maxDistanceMs?: number;
}

const LEAP_BITS_TEXT: Record<LeapStatus, string> = { normal: '00', insert_second: '01', delete_second: '10', unsynchronized: '11' };

const LEAP_TEXT: Record<LeapStatus, string> = {
  normal: 'normal',
  insert_second: 'insert second',
  delete_second: 'delete second',
  unsynchronized: 'not synchronised',
};

function daemonState(inputs: TimeInputs): DaemonState {
  if (inputs.chrony) return chronyState(inputs.chrony);
  if (inputs.ntpsec) return ntpsecState(inputs.ntpsec);
  return timesyncdState(inputs.show, inputs.timesyncd!);
}

type StatusValue = DaemonState['status'] extends Outcome<infer V> ? V : never;

function chronyStatus(t: Read<Tracking>): StatusValue {
  const v = t.value;
  const src = [t.at(1)];
  return {
    value: {
      synchronized: trackingSynchronized(v),
      state: `reference ID ${v.refId}, leap status ${LEAP_TEXT[v.leap]}`,
      // Field 5 is positive when the system clock is slow; the model's offset is host minus reference.
      offsetMs: -v.systemTimeS * 1000,
      errorBoundMs: (Math.abs(v.systemTimeS) + v.rootDispersionS + v.rootDelayS / 2) * 1000,
      localReference: v.refId === '7F7F0101',
      report: {
        reference: v.refId === '7F7F0101' ? 'the local clock (7F7F0101)' : `${v.refName || '(none)'} (${v.refId})`,
        stratum: v.stratum,
        leap_status: LEAP_TEXT[v.leap],
        root_delay_ms: round(v.rootDelayS * 1000),
        root_dispersion_ms: round(v.rootDispersionS * 1000),
        last_update: v.refTime === 0 ? 'never' : new Date(v.refTime * 1000).toISOString(),
      },
    },
    sources: { synchronized: src, offset: src, reference: src },
  };
}

function chronyState(c: NonNullable<TimeInputs['chrony']>): DaemonState {
  const { tracking, sources, authdata } = c;
  const status: DaemonState['status'] = tracking.ok ? ok(chronyStatus(tracking.value)) : tracking;
  const authBy = new Map((authdata.ok ? authdata.value.value : []).map((x) => [x.name, x]));
  const list: DaemonState['sources'] = sources.ok
    ? ok({
        read: sources.value as Read<unknown>,
        value: sources.value.value.map((x) => ({
          name: x.name,
          usable: ['selected', 'combined', 'not_combined'].includes(x.state),
          state: x.state,
          stratum: x.stratum,
          offsetMs: round(-x.offsetS * 1000),
          authenticated: x.mode === 'refclock' ? true : authBy.has(x.name) ? authBy.get(x.name)!.mode !== '-' : null,
          line: x.line,
        })),
      })
    : sources;
  let auth: DaemonState['auth'] = authdata.ok ? notCollected('') : authdata;
  if (authdata.ok) {
    const a = authdata.value;
    const weak = a.value.filter((x) => x.mode === '-');
    const shown = weak.length > 0 ? weak : a.value;
    auth = ok({ value: a.value.length > 0 && weak.length === 0, sources: shown.length > 0 ? shown.map((x) => a.at(x.line)) : [a.at()] });
  }
  return { status, sources: list, auth };
}

function ntpsecStatus(r: Read<NtpSystem>): StatusValue {
  const v = r.value;
  return {
    value: {
      synchronized: rvSynchronized(v),
      state: `leap=${LEAP_BITS_TEXT[v.leap]}, stratum ${v.stratum}, ${v.peer === 0 ? 'no system peer' : `system peer ${v.peer}`}`,
      // ntpd's offset is server minus local; the model's is host minus reference.
      offsetMs: -v.offsetMs,
      errorBoundMs: Math.abs(v.offsetMs) + v.rootDispersionMs + v.rootDelayMs / 2,
      localReference: rvLocalReference(v),
      report: {
        reference: v.refid,
        stratum: v.stratum,
        leap_status: LEAP_TEXT[v.leap],
        system_peer: v.peer === 0 ? 'none' : v.peer,
        root_delay_ms: v.rootDelayMs,
        root_dispersion_ms: v.rootDispersionMs,
        ...(v.version ? { version: v.version } : {}),
      },
    },
    sources: {
      synchronized: [r.at(v.lines.leap), r.at(v.lines.peer)],
      offset: [r.at(v.lines.offset)],
      reference: [r.at(v.lines.leap), r.at(v.lines.peer)],
    },
  };
}

function ntpsecState(n: NonNullable<TimeInputs['ntpsec']>): DaemonState {
  const { rv, peers, associations } = n;
  const status: DaemonState['status'] = rv.ok ? ok(ntpsecStatus(rv.value)) : rv;
  let list: DaemonState['sources'] = peers.ok ? notCollected('') : peers;
  let auth: DaemonState['auth'] = associations.ok
    ? notCollected(`${associations.value.label} needs \`ntpq -pnw\` output to match it to the sources`)
    : associations;
  if (peers.ok) {
    const p = peers.value;
    // Pool prototypes (type p, refid .POOL.) are not sources themselves: their servers are.
    const real = p.value.map((x, i) => ({ x, i })).filter(({ x }) => x.type !== 'p' && x.refid !== '.POOL.');
    const as = associations.ok ? associations.value : undefined;
    const pairable = as !== undefined && as.value.length === p.value.length;
    list = ok({
      read: p as Read<unknown>,
      value: real.map(({ x, i }) => ({
        name: x.remote,
        usable: ['*', '+', '#', 'o'].includes(x.tally),
        state: x.tally === ' ' ? 'rejected' : x.tally,
        stratum: x.stratum,
        offsetMs: round(-x.offsetMs),
        authenticated: pairable ? as.value[i]!.auth === 'ok' : null,
        line: x.line,
      })),
    });
    if (as && pairable) {
      const weak = real.filter(({ i }) => as.value[i]!.auth !== 'ok');
      const shown = (weak.length > 0 ? weak : real).map(({ i }) => as.at(as.value[i]!.line));
      auth = ok({ value: real.length > 0 && weak.length === 0, sources: shown.length > 0 ? shown : [as.at()] });
    } else if (as) {
      auth = {
        ok: false,
        reason: 'error',
        detail: `${as.label} lists ${as.value.length} associations but ${p.label} ${p.value.length} peers: capture both at the same moment`,
      };
    }
  }
  return { status, sources: list, auth };
}

function timesyncdStatus(sh: Read<Properties>, st: Input<Properties>): StatusValue {
  const s = st.ok ? st.value : undefined;
  // timedatectl prints the NTP offset, server minus local; the model's is host minus reference.
  const raw = s ? durationMs(s.value.get('Offset') ?? '') : null;
  const distance = s ? durationMs((s.value.get('Root distance') ?? '').replace(/\(.*$/, '')) : null;
  const offset = raw === null ? null : -raw;
  return {
    value: {
      synchronized: sh.value.get('NTPSynchronized') === 'yes',
      state: `NTPSynchronized=${sh.value.get('NTPSynchronized') ?? '(absent)'}`,
      offsetMs: offset,
      errorBoundMs: offset !== null && distance !== null ? Math.abs(offset) + distance : null,
      ...(st.ok
        ? {}
        : {
            offsetMissing:
              st.reason === 'not_collected' ? notCollected('the offset and root distance are in `timedatectl timesync-status`; give its output') : st,
          }),
      // timesyncd never serves or follows the host clock: said once, as a documented default.
      localReference: null,
      report: s
        ? {
            server: s.value.get('Server') ?? null,
            stratum: Number(s.value.get('Stratum')),
            leap_status: s.value.get('Leap') ?? null,
            root_distance: s.value.get('Root distance') ?? null,
          }
        : {},
    },
    sources: {
      synchronized: [sh.find('NTPSynchronized=')],
      offset: s ? [s.find('Offset:'), s.find('Root distance:')] : [],
      reference: [],
    },
  };
}

function timesyncdState(show: Input<Properties>, t: NonNullable<TimeInputs['timesyncd']>): DaemonState {
  const { showTimesync, status: st } = t;
  const status: DaemonState['status'] = show.ok ? ok(timesyncdStatus(show.value, st)) : show;
  let list: DaemonState['sources'] = showTimesync.ok ? notCollected('') : showTimesync;
  let maxDistanceMs: number | undefined;
  if (showTimesync.ok) {
    const ts = showTimesync.value;
    const names = (k: string) => (ts.value.get(k) ?? '').split(/\s+/).filter(Boolean);
    const configured = [...names('SystemNTPServers'), ...names('LinkNTPServers')];
    const key = configured.length > 0 ? (names('SystemNTPServers').length > 0 ? 'SystemNTPServers=' : 'LinkNTPServers=') : 'FallbackNTPServers=';
    const { line } = ts.find(key);
    list = ok({
      read: ts as Read<unknown>,
      value: (configured.length > 0 ? configured : names('FallbackNTPServers')).map((name) => ({
        name,
        // timesyncd uses one server at a time; the list is what it may use.
        usable: true,
        state: name === ts.value.get('ServerName') ? 'current' : 'configured',
        stratum: null,
        offsetMs: null,
        authenticated: false,
        line,
      })),
    });
    maxDistanceMs = durationMs(ts.value.get('RootDistanceMaxUSec') ?? '') ?? undefined;
  }
  return { status, sources: list, auth: notCollected('timesyncd has no authentication'), ...(maxDistanceMs !== undefined ? { maxDistanceMs } : {}) };
}

// --- source.details and resources --------------------------------------------------------------

function details(inputs: TimeInputs, state: DaemonState): Record<string, unknown> {
  const cfg = inputs.config;
  // What could not be read although it was asked for (a refused authdata), even when the configuration filled the fact.
  const notRead = [state.auth, state.sources, state.status].flatMap((o) => (!o.ok && o.reason !== 'not_collected' && o.detail ? [o.detail] : []));
  return {
    daemon: inputs.daemon,
    ...(notRead.length ? { not_read: [...new Set(notRead)] } : {}),
    ...(state.status.ok ? { status: state.status.value.value.report } : {}),
    ...(cfg
      ? {
          configuration: {
            files: cfg.files,
            min_sources: settingText(cfg.minSources),
            max_distance_ms: settingText(cfg.maxDistanceMs),
            ...(cfg.step ? { clock_step: settingText(cfg.step) } : {}),
            ...(cfg.unresolved.length ? { unresolved: cfg.unresolved.map((u) => `${placeText(u.at)}: ${u.what}`) } : {}),
            ...(cfg.notes.length ? { notes: cfg.notes } : {}),
          },
        }
      : {}),
    ...(state.maxDistanceMs !== undefined ? { root_distance_max_ms: state.maxDistanceMs } : {}),
  };
}

/** One resource per source, merged from the configuration and the daemon's report by name. */
function sourceResources(cfg: TimeConfig | null, state: DaemonState): Resource[] {
  const live = state.sources.ok ? state.sources.value.value : [];
  const byName = new Map<string, { conf?: ConfiguredSource; live?: LiveSource }>();
  for (const s of cfg?.sources ?? []) byName.set(s.name, { ...byName.get(s.name), conf: s });
  for (const s of live) byName.set(s.name, { ...byName.get(s.name), live: s });
  return [...byName.entries()].map(([name, { conf, live: l }]) => {
    const facts: Resource['facts'] = {};
    const gaps: Resource['gaps'] = [];
    const put = (k: string, v: string | number | boolean | null, why: string): void => {
      facts[k] = v;
      if (v === null) gaps.push({ fact: k, reason: 'not_collected', detail: why });
    };
    const noConf = cfg ? 'not in the configuration files given (added at run time, e.g. by DHCP or chronyc add)' : 'no configuration file given';
    const noLive = state.sources.ok ? 'not in the status output (unresolved, or removed)' : 'no status output given';
    put('directive', conf?.kind ?? null, noConf);
    put('configured_at', conf ? (conf.at ? placeText(conf.at) : 'compiled-in default') : null, noConf);
    put('nts', conf ? conf.nts : null, noConf);
    // "" = configured without a key (a known absence, not a gap).
    put('key_id', conf ? (conf.keyId ?? '') : null, noConf);
    put('state', l?.state ?? null, noLive);
    put('stratum', l?.stratum ?? null, l ? 'not reported' : noLive);
    put('offset_ms', l?.offsetMs ?? null, l ? 'not reported' : noLive);
    const authenticated = l?.authenticated ?? (conf ? conf.kind === 'refclock' || conf.nts || conf.keyId !== null : null);
    put('authenticated', authenticated, 'neither the configuration nor the status output name this source');
    return { id: `source:${name}`, kind: 'time_source', name, facts, gaps };
  });
}

/**
 * From what was read (configuration, live state) to the model's time facts, per-source
 * resources and gaps. Live state wins over configuration for what the daemon does now; a
 * configuration alone never proves that the clock is synchronized.
 */
import type { Gap, GapReason, Resource, ToolSnapshot } from '../../model/types.js';
import type { AuthData, ChronySource, LeapStatus, Tracking } from './chronyc.js';
import { trackingSynchronized } from './chronyc.js';
import type { ConfiguredSource, Place, TimeConfig } from './config.js';
import type { NtpAssociation, NtpPeer, NtpSystem } from './ntpq.js';
import { rvLocalReference, rvSynchronized } from './ntpq.js';
import { durationMs } from './timedatectl.js';

export type Daemon = 'chrony' | 'ntpsec' | 'timesyncd';

/** A piece of input: its value, or why it is missing (a failed command, an unreadable capture). */
export type Part<T> = { readonly value: T; readonly from: string } | { readonly error: string } | null;

export interface LiveChrony {
  readonly tracking: Part<Tracking>;
  readonly sources: Part<ChronySource[]>;
  readonly authdata: Part<AuthData[]>;
}

export interface LiveNtpsec {
  readonly rv: Part<NtpSystem>;
  readonly peers: Part<NtpPeer[]>;
  readonly associations: Part<NtpAssociation[]>;
}

export interface LiveTimesyncd {
  readonly show: Part<ReadonlyMap<string, string>>;
  readonly showTimesync: Part<ReadonlyMap<string, string>>;
  readonly status: Part<ReadonlyMap<string, string>>;
}

export interface TimeInputs {
  readonly daemon: Daemon;
  readonly config: Part<TimeConfig>;
  readonly chrony?: LiveChrony;
  readonly ntpsec?: LiveNtpsec;
  readonly timesyncd?: LiveTimesyncd;
  /** `timedatectl show` of the host (any daemon), for the zone. */
  readonly show: Part<ReadonlyMap<string, string>>;
  /** How to give the missing live state, per daemon, for gap texts. */
  readonly liveHint: string;
}

export type TimeFacts = ToolSnapshot['time'];

export interface Normalized {
  readonly time: TimeFacts;
  readonly gaps: Gap[];
  readonly resources: Resource[];
  /** Fact path → where it was read: "file:line", "`command`" or "default: ...". */
  readonly provenance: Record<string, string[]>;
}

const round = (n: number): number => Math.round(n * 1e6) / 1e6;
const place = (p: Place): string => `${p.file}:${p.line}`;

/** Builds one fact at a time: a value with where it came from, or null with its gap. */
class FactSink {
  readonly time: Record<string, unknown> = {};
  readonly gaps: Gap[] = [];
  readonly provenance: Record<string, string[]> = {};
  set(fact: string, value: unknown, from: readonly string[]): void {
    this.time[fact] = value;
    if (from.length > 0) this.provenance[`time.${fact}`] = [...from];
  }
  gap(fact: string, reason: GapReason, detail: string): void {
    this.time[fact] = null;
    this.gaps.push({ fact: `time.${fact}`, reason, detail });
  }
}

const isError = <T>(p: Part<T>): p is { error: string } => p !== null && 'error' in p;
const known = <T>(p: Part<T>): { value: T; from: string } | null => (p !== null && 'value' in p ? p : null);

/** Upstream sources of a configuration that can set the clock (noselect ones cannot). */
function upstream(config: TimeConfig): ConfiguredSource[] {
  return config.sources.filter((s) => !s.noselect);
}

function unique(names: readonly string[]): string[] {
  return [...new Set(names)];
}

function configGapReason(config: Part<TimeConfig>, facts: string, hint: string): { reason: GapReason; detail: string } {
  if (isError(config)) return { reason: 'error', detail: config.error };
  return { reason: 'not_collected', detail: `${facts} ${hint}` };
}

/** Problems of the configuration that touch this fact, as an error text, or null. */
function problemFor(config: TimeConfig, fact: string): string | null {
  const p = config.problems.find((x) => x.facts.includes(fact));
  return p ? `${place(p.at)}: ${p.message}` : null;
}

export function normalizeTime(inputs: TimeInputs): Normalized {
  const sink = new FactSink();
  sink.set('sync_daemon', inputs.daemon, []);
  const config = known(inputs.config);
  const cfg = config?.value ?? null;
  const liveNeeded = `a configuration file alone never proves the clock's state; ${inputs.liveHint}`;

  // What the daemon reports now, per daemon, reduced to one shape.
  const state = liveState(inputs);

  // synchronized, offset_ms, error_bound_ms, leap_status, stratum
  if (state.status) {
    const s = state.status.value;
    sink.set('synchronized', s.synchronized, [state.status.from]);
    if (s.offsetMs === null) sink.gap('offset_ms', 'not_supported', `${state.status.from} does not report the clock offset`);
    else sink.set('offset_ms', round(s.offsetMs), [state.status.from]);
    if (s.errorBoundMs === null) sink.gap('error_bound_ms', 'not_supported', `${state.status.from} does not report root delay and dispersion`);
    else sink.set('error_bound_ms', round(s.errorBoundMs), [state.status.from]);
    if (s.leap === null) sink.gap('leap_status', 'not_supported', `${state.status.from} does not report the leap status`);
    else sink.set('leap_status', s.leap, [state.status.from]);
    if (s.stratum === null) sink.gap('stratum', 'not_supported', `${state.status.from} does not report the stratum`);
    else sink.set('stratum', s.stratum, [state.status.from]);
  } else {
    const reason: GapReason = state.statusError ? 'error' : 'not_collected';
    const detail = state.statusError ?? liveNeeded;
    for (const f of ['synchronized', 'offset_ms', 'error_bound_ms', 'leap_status', 'stratum']) sink.gap(f, reason, detail);
  }

  // local_reference: live first, then the configuration.
  if (state.status && state.status.value.localReference !== null) {
    sink.set('local_reference', state.status.value.localReference, [state.status.from]);
  } else if (inputs.daemon === 'timesyncd') {
    sink.set('local_reference', false, ['default: systemd-timesyncd is a client only; it cannot use the host clock as a reference']);
  } else if (cfg) {
    const problem = problemFor(cfg, 'time.local_reference');
    if (problem) sink.gap('local_reference', 'error', problem);
    else if (cfg.local && upstream(cfg).length === 0) sink.set('local_reference', true, [cfg.local.at ? place(cfg.local.at) : 'configuration']);
    else if (cfg.local)
      sink.set('local_reference', false, [
        `${place(cfg.local.at!)} (falls back to the local clock only when no upstream source is usable; live state shows whether it does)`,
      ]);
    else sink.set('local_reference', false, [`${cfg.files[0]}: no ${inputs.daemon === 'chrony' ? 'local' : 'tos orphan'} directive`]);
  } else {
    const g = configGapReason(inputs.config, 'whether the host clock is the reference is in the configuration or the live state;', inputs.liveHint);
    sink.gap('local_reference', state.statusError ? 'error' : g.reason, state.statusError ?? g.detail);
  }

  // sources: the usable ones live, else the configured ones.
  if (state.sources) {
    sink.set('sources', unique(state.sources.value.filter((s) => s.usable).map((s) => s.name)), [state.sources.from]);
  } else if (cfg) {
    const problem = problemFor(cfg, 'time.sources');
    const open = cfg.unresolved[0];
    if (problem) sink.gap('sources', 'error', problem);
    else if (open)
      sink.gap(
        'sources',
        'not_collected',
        `${place(open.at)} reads ${open.what}, whose files were not given; give them too, set options.complete: true if it is empty, or use the live state`,
      );
    else {
      const from = unique(upstream(cfg).map((s) => (s.at ? place(s.at) : 'default: compiled-in FallbackNTP')));
      sink.set(
        'sources',
        unique(upstream(cfg).map((s) => s.name)),
        from.length > 0 ? from : [`${cfg.files.join(', ')}: no server, pool, peer or refclock line`],
      );
    }
  } else {
    sink.gap(
      'sources',
      state.sourcesError ? 'error' : configGapReason(inputs.config, '', '').reason,
      state.sourcesError ?? `the time sources are in the configuration or the live state; give the configuration file or ${inputs.liveHint}`,
    );
  }

  // authenticated: every source uses NTS or a symmetric key.
  if (inputs.daemon === 'timesyncd') {
    sink.set('authenticated', false, ['default: systemd-timesyncd (252) supports neither NTS nor symmetric keys']);
  } else if (state.auth) {
    sink.set('authenticated', state.auth.value, [state.auth.from]);
  } else if (cfg) {
    const problem = problemFor(cfg, 'time.authenticated');
    const open = cfg.unresolved[0];
    if (problem) sink.gap('authenticated', 'error', problem);
    else if (open)
      sink.gap('authenticated', 'not_collected', `${place(open.at)} reads ${open.what}, whose files were not given: a source there may be unauthenticated`);
    else {
      const network = upstream(cfg).filter((s) => s.kind !== 'refclock');
      const weak = network.filter((s) => !s.nts && s.keyId === null);
      const from = (weak.length > 0 ? weak : network).map((s) => (s.at ? place(s.at) : 'default'));
      sink.set('authenticated', network.length > 0 && weak.length === 0, from.length > 0 ? from : [`${cfg.files[0]}: no upstream source`]);
    }
  } else {
    sink.gap(
      'authenticated',
      state.authError ? 'error' : 'not_collected',
      state.authError ?? `whether sources use NTS or keys is in the configuration (nts, key N) or \`chronyc -c authdata\` / \`ntpq -c associations\`; give one`,
    );
  }

  // min_sources, max_distance_ms: configuration (timesyncd: fixed).
  for (const [fact, pick] of [
    ['min_sources', (c: TimeConfig) => c.minSources],
    ['max_distance_ms', (c: TimeConfig) => c.maxDistanceMs],
  ] as const) {
    if (cfg) {
      const problem = problemFor(cfg, `time.${fact}`);
      const setting = pick(cfg);
      if (problem) sink.gap(fact, 'error', problem);
      else sink.set(fact, setting.value, [setting.at ? place(setting.at) : `default: ${setting.defaultNote}`]);
    } else if (fact === 'max_distance_ms' && state.maxDistanceMs) {
      sink.set(fact, state.maxDistanceMs.value, [state.maxDistanceMs.from]);
    } else if (fact === 'min_sources' && inputs.daemon === 'timesyncd') {
      sink.set(fact, 1, ['default: systemd-timesyncd synchronizes from one server at a time']);
    } else {
      const g = configGapReason(
        inputs.config,
        `${fact === 'min_sources' ? 'minsources' : 'maxdistance'} is set in the configuration file;`,
        'give it in files:',
      );
      sink.gap(fact, g.reason, g.detail);
    }
  }

  // timestamp_timezone: the host's zone from `timedatectl show`.
  const show = known(inputs.show);
  const zone = show?.value.get('Timezone');
  if (show && zone) sink.set('timestamp_timezone', zone, [show.from]);
  else if (isError(inputs.show)) sink.gap('timestamp_timezone', 'error', inputs.show.error);
  else
    sink.gap(
      'timestamp_timezone',
      'not_collected',
      "the host's time zone is in `timedatectl show` (Timezone=); give its output or use live mode where systemd runs",
    );

  return { time: sink.time as TimeFacts, gaps: sink.gaps, resources: sourceResources(cfg, state), provenance: sink.provenance };
}

interface Status {
  synchronized: boolean;
  offsetMs: number | null;
  errorBoundMs: number | null;
  leap: LeapStatus | null;
  stratum: number | null;
  localReference: boolean | null;
}

interface LiveSource {
  name: string;
  usable: boolean;
  state: string;
  stratum: number | null;
  offsetMs: number | null;
  authenticated: boolean | null;
}

interface LiveView {
  status: { value: Status; from: string } | null;
  statusError: string | null;
  sources: { value: LiveSource[]; from: string } | null;
  sourcesError: string | null;
  auth: { value: boolean; from: string } | null;
  authError: string | null;
  maxDistanceMs: { value: number; from: string } | null;
}

const errorOf = (p: Part<unknown>): string | null => (isError(p) ? p.error : null);

function liveState(inputs: TimeInputs): LiveView {
  const view: LiveView = { status: null, statusError: null, sources: null, sourcesError: null, auth: null, authError: null, maxDistanceMs: null };
  if (inputs.chrony) {
    const { tracking, sources, authdata } = inputs.chrony;
    const t = known(tracking);
    view.statusError = errorOf(tracking);
    if (t) {
      const v = t.value;
      view.status = {
        from: t.from,
        value: {
          synchronized: trackingSynchronized(v),
          // Field 5 is positive when the system clock is slow; the model's offset is host minus reference.
          offsetMs: -v.systemTimeS * 1000,
          errorBoundMs: (Math.abs(v.systemTimeS) + v.rootDispersionS + v.rootDelayS / 2) * 1000,
          leap: v.leap,
          stratum: v.stratum,
          localReference: v.refId === '7F7F0101',
        },
      };
    }
    const s = known(sources);
    const a = known(authdata);
    view.sourcesError = errorOf(sources);
    view.authError = errorOf(authdata);
    const authBy = new Map((a?.value ?? []).map((x) => [x.name, x.mode !== '-']));
    if (s) {
      view.sources = {
        from: s.from,
        value: s.value.map((x) => ({
          name: x.name,
          usable: ['selected', 'combined', 'not_combined'].includes(x.state),
          state: x.state,
          stratum: x.stratum,
          offsetMs: round(-x.offsetS * 1000),
          authenticated: x.mode === 'refclock' ? true : (authBy.get(x.name) ?? null),
        })),
      };
    }
    if (a) view.auth = { value: a.value.length > 0 && a.value.every((x) => x.mode !== '-'), from: a.from };
  }
  if (inputs.ntpsec) {
    const { rv, peers, associations } = inputs.ntpsec;
    const r = known(rv);
    view.statusError = errorOf(rv);
    if (r) {
      const v = r.value;
      view.status = {
        from: r.from,
        value: {
          synchronized: rvSynchronized(v),
          // ntpd's offset is server minus local; the model's is host minus reference.
          offsetMs: -v.offsetMs,
          errorBoundMs: Math.abs(v.offsetMs) + v.rootDispersionMs + v.rootDelayMs / 2,
          leap: v.leap,
          stratum: v.stratum,
          localReference: rvLocalReference(v),
        },
      };
    }
    const p = known(peers);
    const as = known(associations);
    view.sourcesError = errorOf(peers);
    view.authError = errorOf(associations);
    if (p) {
      const real = p.value.map((x, i) => ({ x, i })).filter(({ x }) => x.type !== 'p' && x.refid !== '.POOL.');
      const pairable = as !== null && as.value.length === p.value.length;
      view.sources = {
        from: p.from,
        value: real.map(({ x, i }) => ({
          name: x.remote,
          usable: ['*', '+', '#', 'o'].includes(x.tally),
          state: x.tally,
          stratum: x.stratum,
          offsetMs: round(-x.offsetMs),
          authenticated: pairable ? as.value[i]!.auth === 'ok' : null,
        })),
      };
      if (as) {
        if (pairable) view.auth = { value: real.length > 0 && real.every(({ i }) => as.value[i]!.auth === 'ok'), from: as.from };
        else view.authError = `${as.from} lists ${as.value.length} associations but ${p.from} ${p.value.length} peers; capture both at the same time`;
      }
    } else if (as) view.authError = `${as.from} cannot be matched to sources without \`ntpq -pnw\` output`;
  }
  if (inputs.timesyncd) {
    const { show, showTimesync, status } = inputs.timesyncd;
    const sh = known(show);
    const st = known(status);
    view.statusError = errorOf(show);
    if (sh) {
      const synced = sh.value.get('NTPSynchronized');
      const offset = st ? durationMs(st.value.get('Offset') ?? '') : null;
      const distance = st ? durationMs((st.value.get('Root distance') ?? '').replace(/\(.*$/, '')) : null;
      const leap = st?.value.get('Leap');
      const stratum = st ? Number(st.value.get('Stratum')) : Number.NaN;
      view.status = {
        from: st ? `${sh.from}; ${st.from}` : sh.from,
        value: {
          synchronized: synced === 'yes',
          offsetMs: offset,
          errorBoundMs: offset !== null && distance !== null ? Math.abs(offset) + distance : null,
          leap: leap === 'normal' ? 'normal' : leap === 'not synchronized' || leap === 'unsynchronized' ? 'unsynchronized' : leap ? 'normal' : null,
          stratum: Number.isFinite(stratum) ? stratum : null,
          localReference: false,
        },
      };
    }
    const ts = known(showTimesync);
    view.sourcesError = errorOf(showTimesync);
    if (ts) {
      const list = (k: string) => (ts.value.get(k) ?? '').split(/\s+/).filter(Boolean);
      const configured = [...list('SystemNTPServers'), ...list('LinkNTPServers')];
      const names = configured.length > 0 ? configured : list('FallbackNTPServers');
      view.sources = {
        from: ts.from,
        value: names.map((name) => ({
          name,
          usable: true,
          state: name === ts.value.get('ServerName') ? 'current' : 'configured',
          stratum: null,
          offsetMs: null,
          authenticated: false,
        })),
      };
      const max = durationMs(ts.value.get('RootDistanceMaxUSec') ?? '');
      if (max !== null) view.maxDistanceMs = { value: max, from: ts.from };
    }
  }
  return view;
}

/** One resource per source, merged from the configuration and the live state by name. */
function sourceResources(cfg: TimeConfig | null, state: LiveView): Resource[] {
  const byName = new Map<string, { conf?: ConfiguredSource; live?: LiveSource }>();
  for (const s of cfg?.sources ?? []) byName.set(s.name, { ...byName.get(s.name), conf: s });
  for (const s of state.sources?.value ?? []) byName.set(s.name, { ...byName.get(s.name), live: s });
  return [...byName.entries()].map(([name, { conf, live }]) => {
    const facts: Resource['facts'] = {};
    const gaps: Resource['gaps'] = [];
    const put = (k: string, v: string | number | boolean | null, why: string): void => {
      facts[k] = v;
      if (v === null) gaps.push({ fact: k, reason: 'not_collected', detail: why });
    };
    const noConf = cfg ? `not in the configuration files given (added at run time, e.g. by DHCP or chronyc add)` : 'no configuration file given';
    const noLive = state.sources ? 'not in the live source list (unresolved, or removed)' : 'no live state given';
    put('directive', conf?.kind ?? null, noConf);
    put('configured_at', conf ? (conf.at ? place(conf.at) : 'compiled-in default') : null, noConf);
    put('nts', conf ? conf.nts : null, noConf);
    // "" = configured without a key (a known absence, not a gap).
    put('key_id', conf ? (conf.keyId ?? '') : null, noConf);
    put('state', live?.state ?? null, noLive);
    put('stratum', live?.stratum ?? null, live ? 'not reported' : noLive);
    put('offset_ms', live?.offsetMs ?? null, live ? 'not reported' : noLive);
    const authenticated = live?.authenticated ?? (conf ? conf.kind === 'refclock' || conf.nts || conf.keyId !== null : null);
    put('authenticated', authenticated, 'neither the configuration nor the live authentication data name this source');
    return { id: `source:${name}`, kind: 'time_source', name, facts, gaps };
  });
}

/**
 * Time-sync collector for chrony, ntpsec and systemd-timesyncd targets: configuration files and
 * captured status outputs (files mode), and/or the daemon's status command run with a timeout
 * (live mode: chronyc, ntpq, timedatectl). Never decides pass or fail.
 */
import { readFileSync } from 'node:fs';
import type { Target } from '../../config/types.js';
import type { Facts, Gap, ToolSnapshot } from '../../model/types.js';
import { sha256 } from '../../util/hash.js';
import { fromRoot } from '../../util/paths.js';
import type { Collected, CollectContext, Collector, RawCapture } from '../types.js';
import { readChronyConfig } from './chrony-conf.js';
import { CaptureFormatError, parseAuthData, parseSources, parseTracking } from './chronyc.js';
import { type CommandRun, describeRun, runCommand } from './command.js';
import type { TimeConfig } from './config.js';
import { type CaptureKind, type GivenFile, mainConfig, readGivenFiles } from './inputs.js';
import { type Daemon, normalizeTime, type Part, type TimeInputs } from './normalize.js';
import { readNtpConfig } from './ntp-conf.js';
import { parseAssociations, parsePeers, parseRv } from './ntpq.js';
import { type LiveSettings, timeSettings } from './options.js';
import { parseProperties, parseTimesyncStatus } from './timedatectl.js';
import { readTimesyncdConfig } from './timesyncd-conf.js';

const DAEMONS = ['chrony', 'ntpsec', 'timesyncd'] as const;
const isDaemon = (t: string): t is Daemon => (DAEMONS as readonly string[]).includes(t);

/** Output cap per status command. */
const MAX_OUTPUT_BYTES = 1024 * 1024;

const PARSERS: Record<CaptureKind, (text: string) => unknown> = {
  'chronyc tracking': parseTracking,
  'chronyc sources': parseSources,
  'chronyc authdata': parseAuthData,
  'ntpq rv': parseRv,
  'ntpq peers': parsePeers,
  'ntpq associations': parseAssociations,
  'timedatectl show': parseProperties,
  'timedatectl show-timesync': parseProperties,
  'timedatectl timesync-status': parseTimesyncStatus,
};

/** The commands of live mode, per capture kind, and how to capture each by hand (README). */
export function liveCommands(daemon: Daemon, live: LiveSettings): { kind: CaptureKind; args: string[] }[] {
  const tdc = (sub: string[]): string[] => [...(live.host && daemon === 'timesyncd' ? ['-H', live.host] : []), ...sub];
  if (daemon === 'chrony') {
    const conn = [...(live.host ? ['-h', live.host] : []), ...(live.port ? ['-p', String(live.port)] : [])];
    return [
      { kind: 'chronyc tracking', args: [...conn, '-c', 'tracking'] },
      { kind: 'chronyc sources', args: [...conn, '-c', '-N', 'sources'] },
      { kind: 'chronyc authdata', args: [...conn, '-c', '-N', 'authdata'] },
    ];
  }
  if (daemon === 'ntpsec') {
    const host = live.host ? [live.host] : [];
    return [
      { kind: 'ntpq rv', args: ['-c', 'rv', ...host] },
      { kind: 'ntpq peers', args: ['-pnw', ...host] },
      { kind: 'ntpq associations', args: ['-c', 'associations', ...host] },
    ];
  }
  return [
    { kind: 'timedatectl show', args: tdc(['show']) },
    { kind: 'timedatectl show-timesync', args: tdc(['show-timesync']) },
    { kind: 'timedatectl timesync-status', args: tdc(['timesync-status']) },
  ];
}

const LIVE_HINT: Record<Daemon, string> = {
  chrony: 'give `chronyc -c tracking` and `chronyc -c -N sources` output, or use options.live',
  ntpsec: 'give `ntpq -c rv` and `ntpq -pnw` output, or use options.live',
  timesyncd: 'give `timedatectl show` and `timedatectl show-timesync` output, or use options.live (needs systemd and D-Bus)',
};

function parsePart(kind: CaptureKind, text: string, from: string): Part<unknown> {
  try {
    return { value: PARSERS[kind](text), from };
  } catch (e) {
    if (e instanceof CaptureFormatError) return { error: `${from}:${e.line}: ${e.message}` };
    throw e;
  }
}

/** identity, access and audit_log do not apply to a time daemon: every fact null with that gap. */
function notApplicableGroups(): { groups: Pick<Facts, 'identity' | 'access' | 'audit_log'>; gaps: Gap[] } {
  const schema = JSON.parse(readFileSync(fromRoot('schemas', 'model.schema.json'), 'utf8')) as { $defs: Record<string, { required?: string[] }> };
  const gaps: Gap[] = [];
  const group = (name: 'identity' | 'access' | 'audit_log', detail: string): Record<string, unknown> => {
    const out: Record<string, unknown> = {};
    for (const key of schema.$defs[name]?.required ?? []) {
      if (name === 'audit_log' && key === 'fields') {
        out.fields = Object.fromEntries((schema.$defs.audit_fields?.required ?? []).map((f) => [f, null]));
        for (const f of schema.$defs.audit_fields?.required ?? []) gaps.push({ fact: `audit_log.fields.${f}`, reason: 'not_applicable', detail });
        continue;
      }
      out[key] = null;
      gaps.push({ fact: `${name}.${key}`, reason: 'not_applicable', detail });
    }
    return out;
  };
  const groups = {
    identity: group('identity', 'a time daemon has no user accounts or sign-in'),
    access: group('access', 'a time daemon has no roles; who may query or change it is its command access (cmdallow, restrict), in details'),
    audit_log: group('audit_log', 'a time daemon keeps no audit log of user actions; its own logs are measurements'),
  } as unknown as Pick<Facts, 'identity' | 'access' | 'audit_log'>;
  return { groups, gaps };
}

function readConfig(daemon: Daemon, main: GivenFile, fragments: readonly GivenFile[], complete: boolean): TimeConfig {
  const t = (f: GivenFile) => ({ display: f.display, text: f.text });
  if (daemon === 'chrony') return readChronyConfig(t(main), fragments.map(t), complete);
  if (daemon === 'ntpsec') return readNtpConfig(t(main), fragments.map(t), complete);
  return readTimesyncdConfig(t(main), fragments.map(t));
}

export const timeCollector: Collector = {
  name: 'time',
  description: 'chrony, ntpsec and systemd-timesyncd: configuration files, captured status outputs, or the status commands run live',
  types: DAEMONS,
  handles: (target: Target) => target.facts === undefined && isDaemon(target.type) && (target.files !== undefined || target.options?.live !== undefined),
  async collect(ctx: CollectContext): Promise<Collected> {
    const daemon = ctx.target.type as Daemon;
    const settings = timeSettings(ctx, daemon);
    const given = readGivenFiles(ctx, daemon);
    const raw: RawCapture[] = given.map((f) => ({ name: f.display, mediaType: 'text/plain', bytes: Buffer.from(f.text, 'utf8') }));
    const parts = new Map<CaptureKind, Part<unknown>>();
    for (const f of given) if (f.kind !== 'config') parts.set(f.kind, parsePart(f.kind, f.text, f.display));

    const runs: CommandRun[] = [];
    if (settings.live) {
      const live = settings.live;
      const commands = liveCommands(daemon, live);
      if (live.timedatectl && daemon !== 'timesyncd') commands.push({ kind: 'timedatectl show', args: ['show'] });
      ctx.progress(`${daemon}/${ctx.target.name}: running ${live.command}`);
      // A binary that is missing or hangs fails every later command the same way: report it, do not wait again.
      const failed = new Map<string, CommandRun>();
      for (const c of commands) {
        const bin = c.kind.startsWith('timedatectl') ? (daemon === 'timesyncd' ? live.command : 'timedatectl') : live.command;
        const before = failed.get(bin);
        if (before) {
          parts.set(c.kind, { error: describeRun(before) });
          continue;
        }
        const run = await runCommand(bin, c.args, { timeoutMs: live.timeoutMs, maxBytes: MAX_OUTPUT_BYTES });
        runs.push(run);
        raw.push({ name: `${run.command}.out`, mediaType: 'text/plain', bytes: Buffer.from(run.stdout, 'utf8') });
        parts.set(c.kind, run.outcome === 'ok' ? parsePart(c.kind, run.stdout, `\`${run.command}\``) : { error: describeRun(run) });
        if (run.outcome === 'missing' || run.outcome === 'timeout') failed.set(bin, run);
      }
    }

    const configs = given.filter((f) => f.kind === 'config');
    const main = mainConfig(ctx, daemon, configs);
    const config: Part<TimeConfig> = main
      ? {
          value: readConfig(
            daemon,
            main,
            configs.filter((f) => f !== main),
            settings.complete,
          ),
          from: main.display,
        }
      : null;
    const part = <T>(k: CaptureKind) => (parts.get(k) ?? null) as Part<T>;
    const inputs: TimeInputs = {
      daemon,
      config,
      show: part('timedatectl show'),
      liveHint: LIVE_HINT[daemon],
      ...(daemon === 'chrony' ? { chrony: { tracking: part('chronyc tracking'), sources: part('chronyc sources'), authdata: part('chronyc authdata') } } : {}),
      ...(daemon === 'ntpsec' ? { ntpsec: { rv: part('ntpq rv'), peers: part('ntpq peers'), associations: part('ntpq associations') } } : {}),
      ...(daemon === 'timesyncd'
        ? { timesyncd: { show: part('timedatectl show'), showTimesync: part('timedatectl show-timesync'), status: part('timedatectl timesync-status') } }
        : {}),
    };
    const normalized = normalizeTime(inputs);
    const na = notApplicableGroups();
    const cfg = config && 'value' in config ? config.value : null;

    const oldest = given.map((f) => f.mtime.getTime()).sort((a, b) => a - b)[0];
    const collectedAt = runs[0]?.startedAt ?? (oldest !== undefined ? new Date(oldest).toISOString() : ctx.now().toISOString());
    const digest = sha256([...given.map((f) => `${f.display} ${f.sha256}`), ...runs.map((r) => `${r.command} ${r.sha256}`)].join('\n'));
    const snapshot: ToolSnapshot = {
      id: `${ctx.target.type}/${ctx.target.name}`,
      type: ctx.target.type,
      category: 'time',
      name: ctx.target.name,
      source: {
        collector: 'time',
        method: runs.length > 0 ? 'command' : 'file',
        location: runs[0]?.command ?? given[0]!.display,
        collected_at: collectedAt,
        sha256: digest,
        details: {
          daemon,
          files: given.map((f) => ({ file: f.display, kind: f.kind, sha256: f.sha256, modified_at: f.mtime.toISOString() })),
          commands: runs.map((r) => ({
            command: r.command,
            outcome: r.outcome,
            exit_code: r.exitCode,
            started_at: r.startedAt,
            duration_ms: r.durationMs,
            stdout_sha256: r.sha256,
          })),
          ...(cfg
            ? {
                configuration: {
                  files: cfg.files,
                  clock_step: cfg.step
                    ? `${cfg.step.value} (${cfg.step.at ? `${cfg.step.at.file}:${cfg.step.at.line}` : `default: ${cfg.step.defaultNote}`})`
                    : null,
                  unresolved: cfg.unresolved.map((u) => `${u.at.file}:${u.at.line}: ${u.what}`),
                  problems: cfg.problems.map((p) => `${p.at.file}:${p.at.line}: ${p.message}`),
                  notes: cfg.notes,
                },
              }
            : {}),
          provenance: normalized.provenance,
        },
      },
      ...na.groups,
      time: normalized.time,
      gaps: [...na.gaps, ...normalized.gaps],
      ...(normalized.resources.length > 0 ? { resources: normalized.resources } : {}),
    };
    return { snapshot, raw };
  },
};

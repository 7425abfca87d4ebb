/**
 * The time daemons on the kit (see ../kit/README.md): chrony, ntpsec and systemd-timesyncd, one
 * collector each, sharing this folder.
 *
 *  - files mode: the daemon's configuration files and its status outputs captured on the host
 *    (plain text, recognized by content: documents.ts);
 *  - live mode: the daemon's own client run against `endpoint:` (live.ts), with the configuration
 *    files next to it for what only they say (configured sources, minsources, makestep);
 *  - normalize.ts maps both to the model through the facts builder; a configuration alone never
 *    proves that the clock is synchronized.
 */
import { ToolInputError } from '../../errors.js';
import type { FactsBuilder } from '../kit/facts.js';
import type { DocumentSpec, SourceObject } from '../kit/files.js';
import type { Collector, CollectorOutput, LiveContext } from '../types.js';
import { parseAuthData, parseSources, parseTracking } from './chronyc.js';
import {
  CAPTURE_COMMAND,
  CHRONY_DOCUMENTS,
  type ChronyKind,
  type Daemon,
  type DocumentsOf,
  NTPSEC_DOCUMENTS,
  type NtpsecKind,
  TIMESYNCD_DOCUMENTS,
  type TimeKind,
  type TimesyncdKind,
} from './documents.js';
import { checkEndpoint, readLive } from './live.js';
import { normalizeTime, type TimeInputs } from './normalize.js';
import { parseAssociations, parsePeers, parseRv } from './ntpq.js';
import { CLIENT, type TimeOptions, timeOptionsSchema } from './options.js';
import { fileInput, readConfig } from './read.js';
import { parseProperties, parseTimesyncStatus } from './timedatectl.js';

const LIVE_HINT: Record<Daemon, string> = {
  chrony: 'give the output of `chronyc -c tracking` and `chronyc -c -N sources`, or read it live (endpoint: unix:///run/chrony/chronyd.sock)',
  ntpsec: 'give the output of `ntpq -c rv` and `ntpq -pnw`, or read it live (endpoint: udp://127.0.0.1)',
  timesyncd: 'give the output of `timedatectl show` and `timedatectl timesync-status`, or read it live (endpoint: unix:///run/dbus/system_bus_socket)',
};

/** A captured output of `kind` among the files, parsed; absent → not collected, saying how to capture it. */
function captured<T>(docs: DocumentsOf, kind: Exclude<TimeKind, 'config'>, parse: (text: string) => T) {
  return fileInput(docs.one(kind), parse, `no \`${CAPTURE_COMMAND[kind]}\` output among the files`, `the output of \`${CAPTURE_COMMAND[kind]}\``);
}

/** The parser of each output of chrony's and ntpsec's own clients, in the order TimeInputs lists them. */
const CLIENT_PARSERS = {
  chrony: { tracking: parseTracking, sources: parseSources, authdata: parseAuthData },
  ntpsec: { rv: parseRv, peers: parsePeers, associations: parseAssociations },
} as const;

/** Files mode: configuration and captured status outputs. */
function filesInputs(daemon: Daemon, docs: DocumentsOf, options: TimeOptions): TimeInputs {
  const config = readConfig(daemon, docs.byKind.config, options.complete === true);
  const base = { daemon, config, liveHint: LIVE_HINT[daemon] };
  if (daemon === 'timesyncd') {
    return {
      ...base,
      timesyncd: { showTimesync: captured(docs, 'show-timesync', parseProperties), status: captured(docs, 'timesync-status', parseTimesyncStatus) },
      show: captured(docs, 'show', parseProperties),
    };
  }
  // chrony and ntpsec: their three client outputs, and the host's `timedatectl show`
  const outputs = Object.entries(CLIENT_PARSERS[daemon]).map(([kind, parse]) => [
    kind,
    captured(docs, kind as Exclude<TimeKind, 'config'>, parse as (text: string) => unknown),
  ]);
  return { ...base, [daemon]: Object.fromEntries(outputs), show: captured(docs, 'timedatectl-show', parseProperties) };
}

/** When captured outputs were taken: the oldest capture's modification time (keep it: scp -p). */
function capturedAt(docs: DocumentsOf): string | undefined {
  const times = Object.entries(docs.byKind)
    .filter(([kind]) => kind !== 'config')
    .flatMap(([, objects]) => (objects as readonly SourceObject[]).map((o) => o.modifiedAt))
    .sort();
  return times[0];
}

function output(inputs: TimeInputs, f: FactsBuilder, docs: DocumentsOf): CollectorOutput {
  const { facts, details, resources } = normalizeTime(inputs, f);
  return {
    facts,
    details: { ...details, ...(docs.ignored.length ? { ignored: docs.ignored.map((i) => `${i.file}: ${i.what}: ${i.reason}`) } : {}) },
    ...(resources.length > 0 ? { resources } : {}),
  };
}

function timeCollector<K extends TimeKind>(daemon: Daemon, documents: DocumentSpec<K>): Collector<TimeOptions, K> {
  return {
    name: daemon,
    types: [daemon],
    options: timeOptionsSchema(daemon),
    documents,
    files: {
      collect(ctx) {
        const docs = ctx.documents as unknown as DocumentsOf;
        const inputs = filesInputs(daemon, docs, ctx.options);
        const state: TimeKind[] = daemon === 'chrony' ? ['tracking', 'sources'] : daemon === 'ntpsec' ? ['rv', 'peers'] : ['show', 'show-timesync'];
        if (!inputs.config && !state.some((k) => docs.one(k))) {
          throw new ToolInputError({ file: docs.files.join(', ') }, `none of the files is the ${daemon} configuration or its status output`, {
            expected: documents.expected,
          });
        }
        const at = capturedAt(docs);
        return { ...output(inputs, ctx.facts(), docs), ...(at ? { collectedAt: at } : {}) };
      },
    },
    live: {
      token: 'none',
      transport: 'command',
      schemes: daemon === 'chrony' ? ['unix:', 'udp:'] : daemon === 'ntpsec' ? ['udp:'] : ['unix:'],
      files: (daemon === 'timesyncd' ? ['config'] : ['config', 'timedatectl-show']) as K[],
      check: (target, url) => checkEndpoint(daemon, target, url),
      async collect(ctx) {
        const docs = ctx.documents as unknown as DocumentsOf;
        const config = readConfig(daemon, docs.byKind.config, ctx.options.complete === true);
        const inputs = await readLive(daemon, ctx as unknown as LiveContext<TimeOptions, TimeKind>, {
          config,
          liveHint: `check that ${CLIENT[daemon]} reaches ${ctx.endpoint}`,
        });
        return output(inputs, ctx.facts(), docs);
      },
    },
  };
}

export const chronyCollector = timeCollector<ChronyKind>('chrony', CHRONY_DOCUMENTS);
export const ntpsecCollector = timeCollector<NtpsecKind>('ntpsec', NTPSEC_DOCUMENTS);
export const timesyncdCollector = timeCollector<TimesyncdKind>('timesyncd', TIMESYNCD_DOCUMENTS);

/**
 * Files mode: read the target's files (bounded), tell configuration from captured status
 * output by its shape, and parse each. A file that is neither is the user's mistake and stops
 * the run at the config line that names it.
 */
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { InputError } from '../../errors.js';
import { sha256 } from '../../util/hash.js';
import type { CollectContext } from '../types.js';
import { chronycKind } from './chronyc.js';
import type { Daemon } from './normalize.js';
import { ntpqKind } from './ntpq.js';
import { timedatectlKind } from './timedatectl.js';

/** Per-file cap: configuration files and status outputs are a few KiB. */
export const MAX_FILE_BYTES = 1024 * 1024;

export type CaptureKind =
  | 'chronyc tracking'
  | 'chronyc sources'
  | 'chronyc authdata'
  | 'ntpq rv'
  | 'ntpq peers'
  | 'ntpq associations'
  | 'timedatectl show'
  | 'timedatectl show-timesync'
  | 'timedatectl timesync-status';

export interface GivenFile {
  /** Path as shown to the user (relative to the working directory). */
  readonly display: string;
  readonly text: string;
  readonly sha256: string;
  readonly mtime: Date;
  /** A captured status output, or 'config' for a configuration file. */
  readonly kind: CaptureKind | 'config';
}

/** Which captures each daemon's target takes (timedatectl show: any, for the host's zone). */
export const CAPTURES: Record<Daemon, readonly CaptureKind[]> = {
  chrony: ['chronyc tracking', 'chronyc sources', 'chronyc authdata', 'timedatectl show'],
  ntpsec: ['ntpq rv', 'ntpq peers', 'ntpq associations', 'timedatectl show'],
  timesyncd: ['timedatectl show', 'timedatectl show-timesync', 'timedatectl timesync-status'],
};

const CONFIG_NAMES: Record<Daemon, RegExp> = {
  chrony: /\.(conf|sources)$/,
  ntpsec: /\.conf$/,
  timesyncd: /\.conf$/,
};

export function captureKind(text: string): CaptureKind | null {
  const c = chronycKind(text);
  if (c) return `chronyc ${c}`;
  const n = ntpqKind(text);
  if (n) return `ntpq ${n}`;
  const t = timedatectlKind(text);
  if (t) return `timedatectl ${t}`;
  return null;
}

/** Why a file is not recognized, with a hint when it looks like a capture taken the wrong way. */
function unrecognized(daemon: Daemon, text: string): string {
  if (/^Reference ID\s*:/m.test(text)) return 'looks like `chronyc tracking` without -c; capture it with `chronyc -c tracking`';
  if (/^MS Name\/IP address/m.test(text)) return 'looks like `chronyc sources` without -c; capture it with `chronyc -c -N sources`';
  if (/^\s*Local time:/m.test(text)) return 'looks like `timedatectl status`; capture `timedatectl show` instead';
  const names =
    daemon === 'chrony'
      ? 'chrony.conf or a .conf/.sources fragment'
      : daemon === 'ntpsec'
        ? 'ntp.conf or an included .conf file'
        : 'timesyncd.conf or a drop-in .conf';
  return `expected ${names}, or a captured ${CAPTURES[daemon].map((k) => `\`${k}\``).join(', ')} output`;
}

export function readGivenFiles(ctx: CollectContext, daemon: Daemon): GivenFile[] {
  const files = ctx.target.files ?? [];
  const seen = new Map<CaptureKind, string>();
  return files.map((rel, i) => {
    const { line, col } = ctx.configSource.locate(`${ctx.target.pointer}/files/${i}`);
    const where = { file: ctx.configFile, line, col };
    const abs = path.resolve(ctx.configDir, rel);
    const display = path.relative(process.cwd(), abs) || abs;
    let size: number;
    let mtime: Date;
    try {
      const st = statSync(abs);
      if (!st.isFile()) throw new Error('not a regular file');
      size = st.size;
      mtime = st.mtime;
    } catch (e) {
      throw new InputError(
        where,
        `${ctx.target.type} target ${ctx.target.name}: cannot read ${display}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`,
        { cause: e },
      );
    }
    if (size > MAX_FILE_BYTES) throw new InputError(where, `${display} is ${size} bytes; the limit for a ${daemon} file is ${MAX_FILE_BYTES} bytes`);
    const bytes = readFileSync(abs);
    const text = bytes.toString('utf8');
    const capture = captureKind(text);
    let kind: GivenFile['kind'];
    if (capture) {
      if (!CAPTURES[daemon].includes(capture))
        throw new InputError(where, `${display} is \`${capture}\` output, which a ${daemon} target does not read (it reads ${CAPTURES[daemon].join(', ')})`);
      if (seen.has(capture))
        throw new InputError(where, `${display} is a second \`${capture}\` output (the first is ${seen.get(capture)}); give one per target`);
      seen.set(capture, display);
      kind = capture;
    } else if (CONFIG_NAMES[daemon].test(abs)) {
      kind = 'config';
    } else {
      throw new InputError(where, `${display}: not recognized: ${unrecognized(daemon, text)}`);
    }
    return { display, text, sha256: sha256(bytes), mtime, kind };
  });
}

/** The main configuration file among the given ones: the daemon's usual name, else the only one. */
export function mainConfig(ctx: CollectContext, daemon: Daemon, configs: readonly GivenFile[]): GivenFile | null {
  if (configs.length === 0) return null;
  const usual = { chrony: 'chrony.conf', ntpsec: 'ntp.conf', timesyncd: 'timesyncd.conf' }[daemon];
  const named = configs.filter((f) => path.basename(f.display) === usual);
  if (named.length === 1) return named[0]!;
  if (named.length === 0 && configs.length === 1) return configs[0]!;
  const { line, col } = ctx.configSource.locate(`${ctx.target.pointer}/files`);
  throw new InputError(
    { file: ctx.configFile, line, col },
    named.length > 1
      ? `${ctx.target.type} target ${ctx.target.name}: ${named.length} files are named ${usual}; give one host's configuration per target`
      : `${ctx.target.type} target ${ctx.target.name}: several configuration files and none is named ${usual}; name the main file ${usual}`,
  );
}

/**
 * Files mode for the time daemons: every file is plain text, recognized by its content (never by
 * its name) through the kit's text kinds — a captured status output by its exact shape, a
 * configuration file by its directives. Key files (chrony keyfile, ntpsec ntp.keys) are recognized
 * and left aside; their keys are secrets, redacted from the capture and everything else.
 */
import type { DocumentSpec, Documents } from '../kit/files.js';
import { chronycKind } from './chronyc.js';
import { CHRONY_DIRECTIVES } from './chrony-conf.js';
import { CHRONY_SYNTAX, NTPD_SYNTAX, parseDirectives, type DirectiveSyntax } from './directives.js';
import { NTPSEC_COMMANDS } from './ntp-conf.js';
import { ntpqKind } from './ntpq.js';
import { timedatectlKind } from './timedatectl.js';

export type Daemon = 'chrony' | 'ntpsec' | 'timesyncd';

export type ChronyKind = 'tracking' | 'sources' | 'authdata' | 'timedatectl-show' | 'config';
export type NtpsecKind = 'rv' | 'peers' | 'associations' | 'timedatectl-show' | 'config';
export type TimesyncdKind = 'show' | 'show-timesync' | 'timesync-status' | 'config';
export type TimeKind = ChronyKind | NtpsecKind | TimesyncdKind;
/** The recognized files of any of the three (each daemon's code asks only for its own kinds). */
export type DocumentsOf = Documents<TimeKind>;

/** How to capture each status output on the host (messages, README). */
export const CAPTURE_COMMAND = {
  tracking: 'chronyc -c tracking',
  sources: 'chronyc -c -N sources',
  authdata: 'chronyc -c -N authdata',
  rv: 'ntpq -c rv',
  peers: 'ntpq -pnw',
  associations: 'ntpq -c associations',
  show: 'timedatectl show',
  'timedatectl-show': 'timedatectl show',
  'show-timesync': 'timedatectl show-timesync',
  'timesync-status': 'timedatectl timesync-status',
} as const;

/** A key file line: chrony `ID [HASH] KEY`, ntpsec ntp.keys `keyno type key`. */
const KEY_LINE = /^\s*\d+\s+(?:[A-Za-z0-9-]+\s+)?(\S+)\s*$/;
const comment = (line: string) => line.trim() === '' || /^\s*[#%;!]/.test(line);

/** A chrony or ntpsec key file: every line a comment or `ID [TYPE] KEY`. */
function isKeyFile(text: string): boolean {
  const lines = text.split(/\r?\n/).filter((l) => !comment(l));
  return lines.length > 0 && lines.every((l) => KEY_LINE.test(l));
}

function keyValues(text: string): string[] {
  if (!isKeyFile(text)) return [];
  return text
    .split(/\r?\n/)
    .filter((l) => !comment(l))
    .map((l) => KEY_LINE.exec(l)![1]!);
}

/**
 * A line-oriented configuration of directives: every line a comment or a directive whose name is
 * a plain word, and at least one directive the daemon knows.
 */
function isDirectiveConfig(text: string, syntax: DirectiveSyntax, known: ReadonlySet<string>): boolean {
  const directives = parseDirectives(text, '', syntax);
  return directives.length > 0 && directives.every((d) => /^[a-z_][a-z0-9_]*$/.test(d.name)) && directives.some((d) => known.has(d.name));
}

/** A systemd unit-style file with a [Time] section (timesyncd.conf or a drop-in). */
function isTimesyncdConfig(text: string): boolean {
  const lines = text.split(/\r?\n/).filter((l) => !comment(l));
  return lines.some((l) => l.trim() === '[Time]') && lines.every((l) => /^\s*\[[^\]]+\]\s*$/.test(l) || /^\s*[A-Za-z][A-Za-z0-9]*\s*=/.test(l));
}

const isChronyConfig = (t: string) => isDirectiveConfig(t, CHRONY_SYNTAX, CHRONY_DIRECTIVES);
const isNtpConfig = (t: string) => isDirectiveConfig(t, NTPD_SYNTAX, NTPSEC_COMMANDS);

/** Why a text is not what the target reads, when it looks like something else. */
function hintFor(daemon: Daemon): (text: string) => string | undefined {
  return (text) => {
    const c = chronycKind(text);
    const n = ntpqKind(text);
    const t = timedatectlKind(text);
    const other = c ? `chronyc ${c}` : n ? `ntpq ${n}` : t ? `timedatectl ${t}` : undefined;
    if (other) return `\`${other}\` output, which a ${daemon} target does not read`;
    if (/^Reference ID\s*:/m.test(text)) return 'the human output of `chronyc tracking`; capture it with `chronyc -c tracking`';
    if (/^MS Name\/IP address/m.test(text)) return 'the human output of `chronyc sources`; capture it with `chronyc -c -N sources`';
    if (/^\s*Local time:/m.test(text)) return 'the output of `timedatectl status`; capture `timedatectl show` instead';
    if (daemon !== 'timesyncd' && isTimesyncdConfig(text)) return `a timesyncd.conf, which a ${daemon} target does not read`;
    if (daemon !== 'chrony' && isChronyConfig(text) && !isNtpConfig(text)) return `a chrony.conf, which a ${daemon} target does not read`;
    if (daemon !== 'ntpsec' && isNtpConfig(text) && !isChronyConfig(text)) return `an ntp.conf, which a ${daemon} target does not read`;
    return undefined;
  };
}

const KEY_FILE = 'a key file (chrony keyfile or ntpsec ntp.keys): its keys are never read or stored';

/** chrony's and ntpsec's folders may hold their key file: recognized, never read, its values redacted. */
const KEY_FILES = { ignoreText: (t: string) => (isKeyFile(t) ? KEY_FILE : undefined), textSecrets: keyValues };

/** The captured output of a status command (one of each per target), recognized by `is`. */
const output = (command: string, is: (text: string) => boolean) => ({ describe: `the output of \`${command}\``, text: is, once: true });

const TIMEDATECTL_SHOW = output('timedatectl show', (t) => timedatectlKind(t) === 'show');

/**
 * chrony's or ntpsec's documents: its three captured outputs (recognized by `kindOf`, the parser
 * of its client's output), `timedatectl show`, its configuration files, and its key file aside.
 */
function daemonDocuments<K extends keyof typeof CAPTURE_COMMAND>(
  daemon: 'chrony' | 'ntpsec',
  captures: readonly K[],
  kindOf: (text: string) => string | null,
  config: { readonly files: string; readonly describe: string; readonly text: (text: string) => boolean },
): DocumentSpec<K | 'timedatectl-show' | 'config'> {
  const outputs = [...captures.map((k) => CAPTURE_COMMAND[k]), 'timedatectl show'].map((c) => `\`${c}\``);
  return {
    expected: `${config.files}, or the captured output of ${outputs.slice(0, -1).join(', ')} or ${outputs.at(-1)}`,
    kinds: {
      ...(Object.fromEntries(captures.map((k) => [k, output(CAPTURE_COMMAND[k], (t) => kindOf(t) === k)])) as Record<K, ReturnType<typeof output>>),
      'timedatectl-show': TIMEDATECTL_SHOW,
      config: { describe: config.describe, text: config.text },
    },
    ...KEY_FILES,
    hint: hintFor(daemon),
  };
}

export const CHRONY_DOCUMENTS: DocumentSpec<ChronyKind> = daemonDocuments('chrony', ['tracking', 'sources', 'authdata'], chronycKind, {
  files: 'chrony.conf or its .conf/.sources files',
  describe: 'a chrony configuration file (chrony.conf, conf.d/*.conf, sources.d/*.sources)',
  text: isChronyConfig,
});

export const NTPSEC_DOCUMENTS: DocumentSpec<NtpsecKind> = daemonDocuments('ntpsec', ['rv', 'peers', 'associations'], ntpqKind, {
  files: 'ntp.conf or a file it includes',
  describe: 'an ntpsec configuration file (ntp.conf or a file it includes)',
  text: isNtpConfig,
});

export const TIMESYNCD_DOCUMENTS: DocumentSpec<TimesyncdKind> = {
  expected: `timesyncd.conf or a timesyncd.conf.d/*.conf drop-in, or the captured output of \`timedatectl show\`, \`${CAPTURE_COMMAND['show-timesync']}\` or \`${CAPTURE_COMMAND['timesync-status']}\``,
  kinds: {
    show: TIMEDATECTL_SHOW,
    'show-timesync': output(CAPTURE_COMMAND['show-timesync'], (t) => timedatectlKind(t) === 'show-timesync'),
    'timesync-status': output(CAPTURE_COMMAND['timesync-status'], (t) => timedatectlKind(t) === 'timesync-status'),
    config: { describe: 'a timesyncd configuration file (timesyncd.conf or a drop-in)', text: isTimesyncdConfig },
  },
  hint: hintFor('timesyncd'),
};

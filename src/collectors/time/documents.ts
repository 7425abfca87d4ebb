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

export const CHRONY_DOCUMENTS: DocumentSpec<ChronyKind> = {
  expected: `chrony.conf or its .conf/.sources files, or the captured output of \`${CAPTURE_COMMAND.tracking}\`, \`${CAPTURE_COMMAND.sources}\`, \`${CAPTURE_COMMAND.authdata}\` or \`timedatectl show\``,
  kinds: {
    tracking: { describe: `the output of \`${CAPTURE_COMMAND.tracking}\``, text: (t) => chronycKind(t) === 'tracking', once: true },
    sources: { describe: `the output of \`${CAPTURE_COMMAND.sources}\``, text: (t) => chronycKind(t) === 'sources', once: true },
    authdata: { describe: `the output of \`${CAPTURE_COMMAND.authdata}\``, text: (t) => chronycKind(t) === 'authdata', once: true },
    'timedatectl-show': { describe: 'the output of `timedatectl show`', text: (t) => timedatectlKind(t) === 'show', once: true },
    config: { describe: 'a chrony configuration file (chrony.conf, conf.d/*.conf, sources.d/*.sources)', text: isChronyConfig },
  },
  ignoreText: (t) => (isKeyFile(t) ? KEY_FILE : undefined),
  textSecrets: keyValues,
  hint: hintFor('chrony'),
};

export const NTPSEC_DOCUMENTS: DocumentSpec<NtpsecKind> = {
  expected: `ntp.conf or a file it includes, or the captured output of \`${CAPTURE_COMMAND.rv}\`, \`${CAPTURE_COMMAND.peers}\`, \`${CAPTURE_COMMAND.associations}\` or \`timedatectl show\``,
  kinds: {
    rv: { describe: `the output of \`${CAPTURE_COMMAND.rv}\``, text: (t) => ntpqKind(t) === 'rv', once: true },
    peers: { describe: `the output of \`${CAPTURE_COMMAND.peers}\``, text: (t) => ntpqKind(t) === 'peers', once: true },
    associations: { describe: `the output of \`${CAPTURE_COMMAND.associations}\``, text: (t) => ntpqKind(t) === 'associations', once: true },
    'timedatectl-show': { describe: 'the output of `timedatectl show`', text: (t) => timedatectlKind(t) === 'show', once: true },
    config: { describe: 'an ntpsec configuration file (ntp.conf or a file it includes)', text: isNtpConfig },
  },
  ignoreText: (t) => (isKeyFile(t) ? KEY_FILE : undefined),
  textSecrets: keyValues,
  hint: hintFor('ntpsec'),
};

export const TIMESYNCD_DOCUMENTS: DocumentSpec<TimesyncdKind> = {
  expected: `timesyncd.conf or a timesyncd.conf.d/*.conf drop-in, or the captured output of \`timedatectl show\`, \`${CAPTURE_COMMAND['show-timesync']}\` or \`${CAPTURE_COMMAND['timesync-status']}\``,
  kinds: {
    show: { describe: 'the output of `timedatectl show`', text: (t) => timedatectlKind(t) === 'show', once: true },
    'show-timesync': { describe: `the output of \`${CAPTURE_COMMAND['show-timesync']}\``, text: (t) => timedatectlKind(t) === 'show-timesync', once: true },
    'timesync-status': {
      describe: `the output of \`${CAPTURE_COMMAND['timesync-status']}\``,
      text: (t) => timedatectlKind(t) === 'timesync-status',
      once: true,
    },
    config: { describe: 'a timesyncd configuration file (timesyncd.conf or a drop-in)', text: isTimesyncdConfig },
  },
  hint: hintFor('timesyncd'),
};

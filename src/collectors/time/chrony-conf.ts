/**
 * chrony.conf (chrony 4.x, https://chrony-project.org/doc/4.3/chrony.conf.html) and the
 * fragments it pulls in: `include PATTERN`, `confdir DIR...` (*.conf) and `sourcedir DIR...`
 * (*.sources, only server/pool/peer). Fragments are matched to a directive by their folder's
 * name (conf.d, sources.d, ...), since the files given are copies, not the host's paths.
 */
import path from 'node:path';
import type { ConfigProblem, ConfiguredSource, Setting, TimeConfig, Unresolved } from './config.js';
import { firstArg, numberArg } from './config.js';
import { CHRONY_SYNTAX, type Directive, parseDirectives } from './directives.js';

/** A directive recorded as written in the notes (security settings auditready does not judge). */
export function asWritten(d: Directive): string {
  return `${d.file}:${d.line}: ${d.text.trim()}`;
}

/** A note for each given fragment the main file never pulls in: `why` ends with the daemon that would not read it. */
export function unread(fragments: readonly ConfigText[], used: ReadonlySet<string>, why: string): string[] {
  return fragments.filter((f) => !used.has(f.display)).map((f) => `${f.display}: given, but ${why} would not read it, so it was ignored`);
}

export interface ConfigText {
  /** Path as shown to the user. */
  readonly display: string;
  readonly text: string;
}

/**
 * Every directive chronyd 4.3 accepts (tried one by one against Debian's chronyd 4.3; also the
 * manual's list). chronyd refuses to start on any other ("Fatal error: Invalid directive"), so an
 * unknown directive is a broken input, not a note. Names are case-insensitive (strcasecmp).
 */
export const CHRONY_DIRECTIVES: ReadonlySet<string> = new Set(
  (
    'acquisitionport allow authselectmode bindacqaddress bindacqdevice bindaddress bindcmdaddress bindcmddevice binddevice broadcast ' +
    'clientloglimit clockprecision cmdallow cmddeny cmdport cmdratelimit combinelimit confdir corrtimeratio deny driftfile dscp dumpdir ' +
    'fallbackdrift hwclockfile hwtimestamp include initstepslew keyfile leapsecmode leapsectz local lock_all log logbanner logchange logdir ' +
    'mailonchange makestep manual maxchange maxclockerror maxdistance maxdrift maxjitter maxntsconnections maxsamples maxslewrate ' +
    'maxupdateskew minsamples minsources nocerttimecheck noclientlog nosystemcert ntpsigndsocket ntsdumpdir ntsntpserver ntsport ' +
    'ntsprocesses ntsratelimit ntsrefresh ntsrotate ntsservercert ntsserverkey ntstrustedcerts peer pidfile pool port ptpport ratelimit ' +
    'refclock reselectdist rtcautotrim rtcdevice rtcfile rtconutc rtcsync sched_priority server smoothtime sourcedir stratumweight ' +
    'tempcomp user'
  ).split(' '),
);

/** Directives chronyd 4.3 still accepts but ignores (it logs "no longer supported"). */
/** Directives noted as written: access, keys and certificates, not judged. */
const CHRONY_NOTED = new Set(['authselectmode', 'keyfile', 'ntstrustedcerts', 'nosystemcert', 'cmdallow', 'bindcmdaddress', 'allow']);

const CHRONY_OBSOLETE: ReadonlySet<string> = new Set(['dumponexit', 'commandkey', 'generatecommandkey', 'linux_freq_scale', 'linux_hz']);

/** Options of server, pool and peer that take a value (chrony.conf(5), `server` directive). */
const CHRONY_VALUE_OPTIONS = new Set([
  'minpoll',
  'maxpoll',
  'key',
  'maxdelay',
  'maxdelayratio',
  'maxdelaydevratio',
  'mindelay',
  'asymmetry',
  'offset',
  'minstratum',
  'polltarget',
  'version',
  'port',
  'ntsport',
  'presend',
  'minsamples',
  'maxsamples',
  'filter',
  'certset',
  'extfield',
  'maxsources',
]);

interface SourceOptions {
  nts: boolean;
  keyId: string | null;
  iburst: boolean;
  noselect: boolean;
}

/** Words after the host of a server/pool/peer line (shared with ntp.conf, which has the same flags). */
export function sourceOptions(d: Directive, valueOptions: ReadonlySet<string>, problems: ConfigProblem[]): SourceOptions {
  const out: SourceOptions = { nts: false, keyId: null, iburst: false, noselect: false };
  for (let i = 1; i < d.args.length; i++) {
    const word = d.args[i]!.toLowerCase();
    if (valueOptions.has(word)) {
      const value = d.args[i + 1];
      if (value === undefined) problems.push({ at: d, message: `${d.name} option ${word} needs a value` });
      if (word === 'key' && value !== undefined) out.keyId = value;
      i++;
    } else if (word === 'nts') out.nts = true;
    else if (word === 'iburst') out.iburst = true;
    else if (word === 'noselect') out.noselect = true;
  }
  return out;
}

function globToRegExp(glob: string): RegExp {
  const body = glob
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '[^/]*')
    .replace(/\?/g, '[^/]');
  return new RegExp(`^${body}$`);
}

const folderName = (p: string): string => path.basename(path.dirname(p));

/**
 * Read the main chrony.conf and the given fragments. `complete` declares that a directory or
 * include named by the configuration with no given file is empty on the host.
 */
export function readChronyConfig(main: ConfigText, fragments: readonly ConfigText[], complete: boolean): TimeConfig {
  const problems: ConfigProblem[] = [];
  const unresolved: Unresolved[] = [];
  const notes: string[] = [];
  const sources: ConfiguredSource[] = [];
  const used = new Set<string>();
  const files = [main.display];
  let local: Setting<{ stratum: number | null }> | null = null;
  let minSources: Setting<number> = { value: 1, at: null, defaultNote: 'chrony default minsources 1 (one source is enough to update the clock)' };
  let maxDistanceMs: Setting<number> = { value: 3000, at: null, defaultNote: 'chrony default maxdistance 3 seconds' };
  let step: Setting<string> = { value: 'never (slew only)', at: null, defaultNote: 'no makestep: chronyd never steps the clock by itself' };

  const onSource = (d: Directive, kind: 'server' | 'pool' | 'peer'): void => {
    const host = firstArg(d, 'a host name or address', problems);
    if (host === undefined) return;
    sources.push({ kind, name: host, ...sourceOptions(d, CHRONY_VALUE_OPTIONS, problems), at: d });
  };

  const matching = (dir: string, ext: string): ConfigText[] =>
    fragments
      .filter((f) => f.display.endsWith(ext) && folderName(f.display) === path.basename(dir))
      .sort((a, b) => path.basename(a.display).localeCompare(path.basename(b.display)));

  const pullIn = (d: Directive, found: ConfigText[], what: string, sourcesOnly: boolean): void => {
    if (found.length === 0) {
      if (complete) notes.push(`${d.file}:${d.line}: ${what}: no file given, declared empty (options.complete)`);
      else unresolved.push({ at: d, what });
      return;
    }
    for (const f of found) {
      if (used.has(f.display)) continue;
      used.add(f.display);
      files.push(f.display);
      for (const fd of parseDirectives(f.text, f.display, CHRONY_SYNTAX)) {
        if (sourcesOnly && !['server', 'pool', 'peer'].includes(fd.name)) {
          problems.push({ at: fd, message: `a .sources file may hold only server, pool and peer lines, not ${fd.name}` });
        } else apply(fd);
      }
    }
  };

  function apply(d: Directive): void {
    switch (d.name) {
      case 'server':
      case 'pool':
      case 'peer':
        onSource(d, d.name);
        break;
      case 'refclock': {
        if (d.args.length < 2) {
          problems.push({ at: d, message: 'refclock needs a driver and its parameter' });
          break;
        }
        const refidAt = d.args.findIndex((w) => w.toLowerCase() === 'refid');
        const name = refidAt > 0 && d.args[refidAt + 1] ? d.args[refidAt + 1]! : `${d.args[0]}:${d.args[1]}`;
        sources.push({ kind: 'refclock', name, nts: false, keyId: null, iburst: false, noselect: d.args.includes('noselect'), at: d });
        break;
      }
      case 'local': {
        const i = d.args.findIndex((w) => w.toLowerCase() === 'stratum');
        const stratum = i >= 0 ? (numberArg(d, i + 1, problems) ?? null) : 10;
        local = { value: { stratum }, at: d };
        break;
      }
      case 'minsources': {
        const n = numberArg(d, 0, problems);
        if (n !== undefined) minSources = { value: n, at: d };
        break;
      }
      case 'maxdistance': {
        const n = numberArg(d, 0, problems);
        if (n !== undefined) maxDistanceMs = { value: n * 1000, at: d };
        break;
      }
      case 'makestep': {
        const threshold = numberArg(d, 0, problems);
        const limit = numberArg(d, 1, problems);
        if (threshold !== undefined && limit !== undefined) {
          step = {
            value: limit < 0 ? `any time the offset exceeds ${threshold} s` : `in the first ${limit} updates when the offset exceeds ${threshold} s`,
            at: d,
          };
        }
        break;
      }
      case 'include': {
        const pattern = firstArg(d, 'a file pattern', problems);
        if (pattern === undefined) break;
        const re = globToRegExp(path.basename(pattern));
        const found = fragments.filter((f) => re.test(path.basename(f.display)) && folderName(f.display) === path.basename(path.dirname(pattern)));
        pullIn(d, found, `include ${pattern}`, false);
        break;
      }
      case 'confdir':
        for (const dir of d.args) pullIn(d, matching(dir, '.conf'), `confdir ${dir} (*.conf)`, false);
        break;
      case 'sourcedir':
        for (const dir of d.args) pullIn(d, matching(dir, '.sources'), `sourcedir ${dir} (*.sources)`, true);
        break;
      default:
        if (CHRONY_NOTED.has(d.name)) notes.push(asWritten(d));
        else if (CHRONY_OBSOLETE.has(d.name)) notes.push(`${d.file}:${d.line}: ${d.name}: chronyd ignores this directive (no longer supported)`);
        else if (!CHRONY_DIRECTIVES.has(d.name))
          problems.push({ at: d, message: `"${d.name}" is not a chrony directive: chronyd refuses to start (Invalid directive)` });
        break;
    }
  }

  for (const d of parseDirectives(main.text, main.display, CHRONY_SYNTAX)) apply(d);
  notes.push(...unread(fragments, used, `no include, confdir or sourcedir of ${main.display} names its folder; chronyd`));
  return {
    daemon: 'chrony',
    files,
    sources,
    local,
    minSources,
    maxDistanceMs,
    step,
    problems,
    unresolved,
    notes,
  };
}

/**
 * ntp.conf of ntpsec 1.2 (https://docs.ntpsec.org/latest/ntp_conf.html): server/pool/peer
 * (peer is an alias of server in ntpsec), refclock, `tos` (minsane, maxdist, orphan), `tinker`
 * (step, panic) and `includefile` (a file, or a folder's *.conf files).
 */
import path from 'node:path';
import { asWritten, type ConfigText, sourceOptions, unread } from './chrony-conf.js';
import type { ConfigProblem, ConfiguredSource, Setting, TimeConfig, Unresolved } from './config.js';
import { firstArg, numberArg } from './config.js';
import { type Directive, NTPD_SYNTAX, parseDirectives } from './directives.js';

/** Options of server, pool and peer that take a value (ntp.conf(5), "Server Commands"). */
const NTPD_VALUE_OPTIONS = new Set([
  'key',
  'minpoll',
  'maxpoll',
  'version',
  'mode',
  'ttl',
  'bias',
  'ask',
  'holdover',
  'subtype',
  'refid',
  'stratum',
  'time1',
  'time2',
  'path',
  'ppspath',
  'baud',
  'unit',
]);

/** Commands noted as written: access restrictions, keys, NTS and switches, not judged. */
const NTPSEC_NOTED = new Set(['restrict', 'keys', 'trustedkey', 'controlkey', 'nts', 'disable', 'enable']);

/**
 * The commands of ntpsec 1.2's ntp.conf (ntp.conf(5)). ntpd logs a syntax error for any other
 * line and ignores it, so an unknown command is a note, not a broken input.
 */
export const NTPSEC_COMMANDS: ReadonlySet<string> = new Set(
  (
    'controlkey disable discard driftfile enable filegen fudge includefile interface keys leapfile leapsmearinterval logconfig logfile ' +
    'mdnstries mru nic nts peer phone pool refclock restrict rlimit server setvar statistics statsdir tinker tos trustedkey unpeer unrestrict'
  ).split(' '),
);

export function readNtpConfig(main: ConfigText, fragments: readonly ConfigText[], complete: boolean): TimeConfig {
  const problems: ConfigProblem[] = [];
  const unresolved: Unresolved[] = [];
  const notes: string[] = [];
  const sources: ConfiguredSource[] = [];
  const files = [main.display];
  const used = new Set<string>();
  let local: Setting<{ stratum: number | null }> | null = null;
  let minSources: Setting<number> = { value: 1, at: null, defaultNote: 'ntpsec default tos minsane 1 (one source is enough to set the clock)' };
  let maxDistanceMs: Setting<number> = { value: 1500, at: null, defaultNote: 'ntpsec default tos maxdist 1.5 seconds' };
  let stepThreshold: number | null = 0.128;
  let stepAt: Directive | null = null;
  let panicZero = false;

  const tosOrTinker = (d: Directive, each: (key: string, index: number) => void): void => {
    for (let i = 0; i < d.args.length; i += 2) each(d.args[i]!.toLowerCase(), i + 1);
  };

  function apply(d: Directive): void {
    switch (d.name) {
      case 'server':
      case 'pool':
      case 'peer': {
        const host = firstArg(d, 'a host name or address', problems);
        if (host === undefined) break;
        sources.push({ kind: d.name === 'pool' ? 'pool' : 'server', name: host, ...sourceOptions(d, NTPD_VALUE_OPTIONS, problems), at: d });
        break;
      }
      case 'refclock': {
        const driver = firstArg(d, 'a driver name', problems);
        if (driver === undefined) break;
        const lower = d.args.map((w) => w.toLowerCase());
        const refid = lower.indexOf('refid');
        const unit = lower.indexOf('unit');
        const name = refid >= 0 && d.args[refid + 1] ? d.args[refid + 1]! : `${driver}:${unit >= 0 ? d.args[unit + 1] : '0'}`;
        sources.push({ kind: 'refclock', name, nts: false, keyId: null, iburst: false, noselect: lower.includes('noselect'), at: d });
        break;
      }
      case 'tos':
        tosOrTinker(d, (key, i) => {
          if (key === 'minsane') {
            const n = numberArg(d, i, problems);
            if (n !== undefined) minSources = { value: n, at: d };
          } else if (key === 'maxdist') {
            const n = numberArg(d, i, problems);
            if (n !== undefined) maxDistanceMs = { value: n * 1000, at: d };
          } else if (key === 'orphan') {
            const n = numberArg(d, i, problems);
            local = { value: { stratum: n ?? null }, at: d };
          }
        });
        break;
      case 'tinker':
        tosOrTinker(d, (key, i) => {
          if (key === 'step') {
            const n = numberArg(d, i, problems);
            if (n !== undefined) {
              stepThreshold = n === 0 ? null : n;
              stepAt = d;
            }
          } else if (key === 'panic' && Number(d.args[i]) === 0) {
            panicZero = true;
            notes.push(`${d.file}:${d.line}: tinker panic 0: ntpd accepts any offset, however large, instead of exiting`);
          }
        });
        break;
      case 'includefile': {
        const target = firstArg(d, 'a file or folder', problems);
        if (target === undefined) break;
        const base = path.basename(target);
        const found = fragments
          .filter((f) => path.basename(f.display) === base || (f.display.endsWith('.conf') && path.basename(path.dirname(f.display)) === base))
          .sort((a, b) => path.basename(a.display).localeCompare(path.basename(b.display)));
        if (found.length === 0) {
          if (complete) notes.push(`${d.file}:${d.line}: includefile ${target}: no file given, declared empty (options.complete)`);
          else unresolved.push({ at: d, what: `includefile ${target}` });
        }
        for (const f of found) {
          if (used.has(f.display)) continue;
          used.add(f.display);
          files.push(f.display);
          for (const fd of parseDirectives(f.text, f.display, NTPD_SYNTAX)) apply(fd);
        }
        break;
      }
      default:
        if (NTPSEC_NOTED.has(d.name)) notes.push(asWritten(d));
        else if (!NTPSEC_COMMANDS.has(d.name))
          notes.push(`${d.file}:${d.line}: "${d.name}" is not an ntpsec command: ntpd logs a syntax error and ignores the line`);
        break;
    }
  }

  for (const d of parseDirectives(main.text, main.display, NTPD_SYNTAX)) apply(d);
  notes.push(...unread(fragments, used, `no includefile of ${main.display} names it; ntpd`));
  const stepText =
    stepThreshold === null
      ? 'never (tinker step 0: slew only)'
      : `any time the offset exceeds ${stepThreshold} s${panicZero ? ' (tinker panic 0: no upper limit)' : ''}`;
  const step: Setting<string> = stepAt ? { value: stepText, at: stepAt } : { value: stepText, at: null, defaultNote: 'ntpsec default tinker step 0.128 s' };
  return { daemon: 'ntpsec', files, sources, local, minSources, maxDistanceMs, step, problems, unresolved, notes };
}

/**
 * Stand-ins for chronyc, ntpq and timedatectl: shell scripts that print, per subcommand, what the
 * real client prints — the fixtures' captures, taken from chronyc 4.3, ntpq 1.2.2 and timedatectl
 * 252 as documented — or fail the way the real client fails. Shaped like the real clients; they are
 * not the real clients (the real-daemon tests run those). Every call's arguments and
 * DBUS_SYSTEM_BUS_ADDRESS are appended to a log the test can read.
 */
import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface StandInAnswer {
  /** A substring of the arguments that selects this answer, e.g. '-c tracking'. */
  readonly when: string;
  /** Print this file... */
  readonly file?: string;
  /** ...or this text. */
  readonly stdout?: string;
  readonly stderr?: string;
  readonly exit?: number;
  /** Seconds to sleep first (a client that hangs). */
  readonly sleep?: number;
}

export interface StandIn {
  /** The script's path: give it as options.command. */
  readonly bin: string;
  /** One line per call: "ARGS | DBUS_SYSTEM_BUS_ADDRESS". */
  calls(): string[];
}

const quote = (s: string): string => `'${s.replace(/'/g, `'\\''`)}'`;

export function standInClient(name: string, answers: readonly StandInAnswer[]): StandIn {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'ar-standin-'));
  const bin = path.join(dir, name);
  const log = path.join(dir, 'calls.log');
  writeFileSync(log, '');
  const cases = answers.map((a) =>
    [
      `  *${quote(a.when)}*)`,
      a.sleep ? `    sleep ${a.sleep}` : '',
      a.file ? `    cat ${quote(a.file)}` : '',
      a.stdout !== undefined ? `    printf '%s' ${quote(a.stdout)}` : '',
      a.stderr ? `    printf '%s\\n' ${quote(a.stderr)} >&2` : '',
      `    exit ${a.exit ?? 0};;`,
    ]
      .filter(Boolean)
      .join('\n'),
  );
  const script = [
    '#!/bin/sh',
    `printf '%s | %s\\n' "$*" "$DBUS_SYSTEM_BUS_ADDRESS" >> ${quote(log)}`,
    'case " $* " in',
    ...cases,
    `  *) echo "${name}: unexpected arguments: $*" >&2; exit 2;;`,
    'esac',
    '',
  ].join('\n');
  writeFileSync(bin, script);
  chmodSync(bin, 0o755);
  return { bin, calls: () => readFileSync(log, 'utf8').split('\n').filter(Boolean) };
}

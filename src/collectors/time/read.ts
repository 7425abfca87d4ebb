/**
 * Reading the time daemons' inputs into TimeInputs: configuration files (the main one and the
 * fragments it names) and status outputs, from captured files (files mode) or from the client run
 * live. Anything unreadable — a directive the daemon refuses, an output that does not parse, a
 * client that fails — is a ToolInputError, so the kit's one rule applies: the tool is unknown with
 * the reason, the other tools are still reported, and the run gates.
 */
import path from 'node:path';
import { ToolInputError } from '../../errors.js';
import { type CommandRun, commandError, commandSource } from '../kit/command.js';
import type { SourceObject } from '../kit/files.js';
import { notCollected, ok } from '../kit/result.js';
import { CaptureFormatError } from './chronyc.js';
import { readChronyConfig } from './chrony-conf.js';
import type { TimeConfig } from './config.js';
import type { Daemon } from './documents.js';
import type { Input, Read } from './normalize.js';
import { readNtpConfig } from './ntp-conf.js';
import { readTimesyncdConfig } from './timesyncd-conf.js';

const MAIN_NAME: Record<Daemon, string> = { chrony: 'chrony.conf', ntpsec: 'ntp.conf', timesyncd: 'timesyncd.conf' };
const ACCEPTED: Record<Daemon, string> = {
  chrony: 'a chrony.conf that chronyd accepts (chrony.conf(5))',
  ntpsec: 'an ntp.conf that ntpd accepts (ntp.conf(5))',
  timesyncd: 'a timesyncd.conf of Key=Value lines (timesyncd.conf(5))',
};

/**
 * The configuration among the recognized configuration files: the main file is the one with the
 * daemon's usual name (chrony.conf, ntp.conf, timesyncd.conf), or the only file; the others are
 * the fragments it names (confdir, sourcedir, include, includefile) or timesyncd's drop-ins.
 */
export function readConfig(daemon: Daemon, files: readonly SourceObject[], complete: boolean): TimeConfig | null {
  if (files.length === 0) return null;
  const usual = MAIN_NAME[daemon];
  const named = files.filter((f) => path.basename(f.file) === usual);
  const main = named.length === 1 ? named[0]! : named.length === 0 && files.length === 1 ? files[0]! : undefined;
  if (!main) {
    throw new ToolInputError(
      { file: (named[1] ?? files[0]!).file, line: 1 },
      named.length > 1 ? `a second ${usual} (also ${named[0]!.file})` : `${files.length} configuration files and none is named ${usual}`,
      { expected: `one host's configuration: its ${usual} (so named) and the fragments it reads` },
    );
  }
  const text = (f: SourceObject) => ({ display: f.file, text: f.value as string });
  const fragments = files.filter((f) => f !== main).map(text);
  const config =
    daemon === 'chrony'
      ? readChronyConfig(text(main), fragments, complete)
      : daemon === 'ntpsec'
        ? readNtpConfig(text(main), fragments, complete)
        : readTimesyncdConfig(text(main), fragments);
  const problem = config.problems[0];
  if (problem) throw new ToolInputError({ file: problem.at.file, line: problem.at.line, col: problem.at.col }, problem.message, { expected: ACCEPTED[daemon] });
  return config;
}

/** The 1-based line of the first line containing `needle` (1 when none does). */
function lineOf(text: string, needle: string): number {
  const at = text.indexOf(needle);
  return at < 0 ? 1 : text.slice(0, at).split('\n').length;
}

/** A captured status output from files mode, parsed; a parse error is a broken input at its line. */
export function fileInput<T>(obj: SourceObject | undefined, parse: (text: string) => T, missingDetail: string, expected: string): Input<T> {
  if (!obj) return notCollected(missingDetail);
  const text = obj.value as string;
  let value: T;
  try {
    value = parse(text);
  } catch (e) {
    if (e instanceof CaptureFormatError) throw new ToolInputError({ file: obj.file, line: e.line }, e.message, { expected, cause: e });
    throw e;
  }
  const read: Read<T> = {
    value,
    at: (line) => (line ? obj.atLine(line) : { file: obj.file }),
    find: (needle) => obj.atLine(lineOf(text, needle)),
    label: obj.file,
  };
  return ok(read);
}

/**
 * A status output from a live run, parsed; a failed run or an unparsable output is a broken input
 * naming the command. `listing`: an empty output is an empty list (chronyc prints nothing for a
 * daemon without sources), not a failure.
 */
export function commandInput<T>(run: CommandRun, parse: (text: string) => T, expected: string, timeoutMs: number, listing = false): Input<T> {
  if (run.outcome !== 'ok') throw commandError(run, expected, timeoutMs);
  if (run.stdout.trim() === '' && !listing) {
    const why = run.stderr.trim().split('\n').filter(Boolean).at(-1)?.trim();
    throw new ToolInputError({ command: run.command, exitStatus: 0 }, `printed nothing${why ? ` (${why})` : ''}`, { expected });
  }
  let value: T;
  try {
    value = parse(run.stdout);
  } catch (e) {
    if (e instanceof CaptureFormatError) {
      throw new ToolInputError({ command: run.command, exitStatus: 0 }, `line ${e.line} of its output: ${e.message}`, { expected, cause: e });
    }
    throw e;
  }
  const read: Read<T> = {
    value,
    at: (line) => commandSource(run, line),
    find: (needle) => commandSource(run, lineOf(run.stdout, needle)),
    label: `\`${run.command}\``,
  };
  return ok(read);
}

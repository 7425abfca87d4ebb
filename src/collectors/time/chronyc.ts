/**
 * `chronyc -c` output (chrony 4.3, https://chrony-project.org/doc/4.3/chronyc.html): CSV, one
 * record per line, no header. tracking has 14 fields, sources 10, authdata 10 (chrony >= 4.0).
 */

export type LeapStatus = 'normal' | 'insert_second' | 'delete_second' | 'unsynchronized';

export interface Tracking {
  /** Reference ID, 8 hex digits: 7F7F0101 = the local clock (`local`), 00000000 = none. */
  readonly refId: string;
  readonly refName: string;
  readonly stratum: number;
  /** Unix seconds of the last update; 0 = never. */
  readonly refTime: number;
  /** Field 5, seconds; positive = the system clock is SLOW of NTP time. */
  readonly systemTimeS: number;
  readonly lastOffsetS: number;
  readonly rmsOffsetS: number;
  readonly frequencyPpm: number;
  readonly residualFreqPpm: number;
  readonly skewPpm: number;
  readonly rootDelayS: number;
  readonly rootDispersionS: number;
  readonly updateIntervalS: number;
  readonly leap: LeapStatus;
}

type SourceState = 'selected' | 'combined' | 'not_combined' | 'unreachable' | 'falseticker' | 'too_variable';

export interface ChronySource {
  readonly mode: 'server' | 'peer' | 'refclock';
  readonly state: SourceState;
  readonly name: string;
  readonly stratum: number;
  readonly poll: number;
  /** Reach register, octal as printed (377 = the last 8 polls answered). */
  readonly reach: string;
  readonly lastRxS: number;
  readonly offsetS: number;
  readonly measuredOffsetS: number;
  readonly errorS: number;
  /** Line of the output it was read from. */
  readonly line: number;
}

export interface AuthData {
  readonly name: string;
  /** NTS, SK (symmetric key) or - (none). */
  readonly mode: string;
  readonly keyId: string;
  readonly line: number;
}

export class CaptureFormatError extends Error {
  override readonly name = 'CaptureFormatError';
  readonly line: number;
  constructor(line: number, message: string) {
    super(message);
    this.line = line;
  }
}

const LEAP: Record<string, LeapStatus> = {
  Normal: 'normal',
  'Insert second': 'insert_second',
  'Delete second': 'delete_second',
  'Not synchronised': 'unsynchronized',
};

const MODE: Record<string, ChronySource['mode']> = { '^': 'server', '=': 'peer', '#': 'refclock' };
const STATE: Record<string, SourceState> = {
  '*': 'selected',
  '+': 'combined',
  '-': 'not_combined',
  '?': 'unreachable',
  x: 'falseticker',
  '~': 'too_variable',
};

function records(text: string): { fields: string[]; line: number }[] {
  return text
    .split(/\r?\n/)
    .map((l, i) => ({ fields: l.trim() === '' ? [] : l.trim().split(','), line: i + 1 }))
    .filter((r) => r.fields.length > 0);
}

function num(value: string | undefined, line: number, what: string): number {
  const n = Number(value);
  if (value === undefined || value.trim() === '' || !Number.isFinite(n))
    throw new CaptureFormatError(line, `${what} is not a number: ${JSON.stringify(value ?? '')}`);
  return n;
}

const HEX8 = /^[0-9A-Fa-f]{8}$/;
/** The latest time a JavaScript Date holds (ECMA-262: 8.64e15 ms after 1970). */
const MAX_DATE_MS = 8.64e15;

/**
 * A duration in seconds (an offset, delay, dispersion or interval): a number no larger than the
 * span a date can hold. A larger one is no clock's, and in milliseconds it would not stay finite.
 */
function seconds(value: string | undefined, line: number, what: string): number {
  const n = num(value, line, what);
  if (Math.abs(n) * 1000 > MAX_DATE_MS)
    throw new CaptureFormatError(line, `${what} is ${JSON.stringify(value)}; expected seconds within ±${MAX_DATE_MS / 1000}`);
  return n;
}

/** Field `i` (0-based) of a record as a number or as seconds; errors name it "field i+1 (name)". */
function fieldsOf(f: readonly string[], line: number) {
  const what = (i: number, name: string) => `field ${i + 1} (${name})`;
  return {
    number: (i: number, name: string) => num(f[i], line, what(i, name)),
    seconds: (i: number, name: string) => seconds(f[i], line, what(i, name)),
  };
}

/** `chronyc -c tracking`. */
export function parseTracking(text: string): Tracking {
  const rows = records(text);
  if (rows.length !== 1) throw new CaptureFormatError(rows[1]?.line ?? 1, `expected one CSV line from \`chronyc -c tracking\`, found ${rows.length}`);
  const { fields: f, line } = rows[0]!;
  if (f.length !== 14) throw new CaptureFormatError(line, `expected 14 comma-separated fields from \`chronyc -c tracking\`, found ${f.length}`);
  if (!HEX8.test(f[0]!)) throw new CaptureFormatError(line, `field 1 (reference ID) is not 8 hex digits: ${JSON.stringify(f[0])}`);
  const leap = LEAP[f[13]!];
  if (!leap)
    throw new CaptureFormatError(line, `field 14 (leap status) is ${JSON.stringify(f[13])}; expected Normal, Insert second, Delete second or Not synchronised`);
  const field = fieldsOf(f, line);
  const refTime = field.number(3, 'reference time');
  // Seconds since 1970 (0: never updated), within what a date can hold.
  if (refTime < 0 || refTime * 1000 > MAX_DATE_MS)
    throw new CaptureFormatError(line, `field 4 (reference time) is ${JSON.stringify(f[3])}; expected seconds since 1970 (0 when never updated)`);
  return {
    refId: f[0]!.toUpperCase(),
    refName: f[1]!,
    stratum: field.number(2, 'stratum'),
    refTime,
    systemTimeS: field.seconds(4, 'system time offset'),
    lastOffsetS: field.seconds(5, 'last offset'),
    rmsOffsetS: field.seconds(6, 'RMS offset'),
    frequencyPpm: field.number(7, 'frequency'),
    residualFreqPpm: field.number(8, 'residual frequency'),
    skewPpm: field.number(9, 'skew'),
    rootDelayS: field.seconds(10, 'root delay'),
    rootDispersionS: field.seconds(11, 'root dispersion'),
    updateIntervalS: field.seconds(12, 'update interval'),
    leap,
  };
}

/** `chronyc -c authdata`: name, mode (NTS, SK, -), key ID, type, key length, last, atmp, NAK, cook, CLen. */
export function parseAuthData(text: string): AuthData[] {
  return records(text).map(({ fields: f, line }) => {
    if (f.length !== 10) throw new CaptureFormatError(line, `expected 10 comma-separated fields from \`chronyc -c authdata\`, found ${f.length}`);
    if (!['NTS', 'SK', '-'].includes(f[1]!)) throw new CaptureFormatError(line, `field 2 (mode) is ${JSON.stringify(f[1])}; expected NTS, SK or -`);
    return { name: f[0]!, mode: f[1]!, keyId: f[2]!, line };
  });
}

/** `chronyc -c sources` (with or without -N / -n). */
export function parseSources(text: string): ChronySource[] {
  return records(text).map(({ fields: f, line }) => {
    if (f.length !== 10) throw new CaptureFormatError(line, `expected 10 comma-separated fields from \`chronyc -c sources\`, found ${f.length}`);
    const mode = MODE[f[0]!];
    const state = STATE[f[1]!];
    if (!mode) throw new CaptureFormatError(line, `field 1 (mode) is ${JSON.stringify(f[0])}; expected ^, = or #`);
    if (!state) throw new CaptureFormatError(line, `field 2 (state) is ${JSON.stringify(f[1])}; expected one of * + - ? x ~`);
    const field = fieldsOf(f, line);
    return {
      mode,
      state,
      name: f[2]!,
      stratum: field.number(3, 'stratum'),
      poll: field.number(4, 'poll'),
      reach: f[5]!,
      lastRxS: field.seconds(6, 'last rx'),
      offsetS: field.seconds(7, 'offset'),
      measuredOffsetS: field.seconds(8, 'measured offset'),
      errorS: field.seconds(9, 'error'),
      line,
    };
  });
}

/** What kind of chronyc capture a text is, by its shape (null: none). */
export function chronycKind(text: string): 'tracking' | 'sources' | 'authdata' | null {
  const rows = records(text);
  if (rows.length === 0) return null;
  const first = rows[0]!.fields;
  if (rows.length === 1 && first.length === 14 && HEX8.test(first[0]!)) return 'tracking';
  if (first.length === 10 && MODE[first[0]!] && STATE[first[1]!]) return 'sources';
  if (first.length === 10 && ['NTS', 'SK', '-'].includes(first[1]!)) return 'authdata';
  return null;
}

/** Chrony's own view: synchronized unless the leap status says so or the reference is local/none. */
export function trackingSynchronized(t: Tracking): boolean {
  return t.leap !== 'unsynchronized' && t.refId !== '00000000' && t.refId !== '7F7F0101';
}

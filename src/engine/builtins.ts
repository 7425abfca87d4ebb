/**
 * Host built-ins: functions OPA's Wasm module imports from the host. Each follows OPA's Go
 * semantics; on invalid input it returns undefined, which makes the calling expression
 * undefined, as OPA's evaluator does for built-in errors (non-strict mode).
 *
 * Numbers cross the Wasm boundary as doubles: nanosecond timestamps (~1.8e18) keep about
 * 256 ns of precision, enough to compare times, not to print them.
 */

type HostBuiltin = (...args: unknown[]) => unknown;

const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(Z|z|[+-]\d{2}:\d{2})$/;

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** time.parse_rfc3339_ns(value: string) -> number: nanoseconds since the Unix epoch. */
export function parseRfc3339Ns(value: unknown): number | undefined {
  if (typeof value !== 'string') return undefined;
  const m = RFC3339.exec(value);
  if (!m) return undefined;
  const [y, mo, d, h, mi, s] = m.slice(1, 7).map(Number) as [number, number, number, number, number, number];
  if (mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo) || h > 23 || mi > 59 || s > 59) return undefined;
  let offsetMin = 0;
  const zone = m[8]!;
  if (zone !== 'Z' && zone !== 'z') {
    const oh = Number(zone.slice(1, 3));
    const om = Number(zone.slice(4, 6));
    if (oh > 23 || om > 59) return undefined;
    offsetMin = (zone[0] === '-' ? -1 : 1) * (oh * 60 + om);
  }
  const ms = Date.UTC(y, mo - 1, d, h, mi, s) - offsetMin * 60_000;
  const fracNs = m[7] ? Number(m[7].padEnd(9, '0')) : 0;
  return ms * 1e6 + fracNs;
}

const DURATION_UNITS: Record<string, number> = {
  ns: 1,
  us: 1e3,
  µs: 1e3,
  μs: 1e3,
  ms: 1e6,
  s: 1e9,
  m: 60e9,
  h: 3600e9,
  // OPA extends Go's units with days, weeks and (365-day) years.
  d: 86_400e9,
  w: 604_800e9,
  y: 365 * 86_400e9,
};

/** time.parse_duration_ns(duration: string) -> number: Go time.ParseDuration syntax plus OPA's d, w, y ("1h30m", "-1.5s", "30d"). */
export function parseDurationNs(value: unknown): number | undefined {
  if (typeof value !== 'string' || value.length === 0) return undefined;
  let rest = value;
  let sign = 1;
  if (rest[0] === '-' || rest[0] === '+') {
    sign = rest[0] === '-' ? -1 : 1;
    rest = rest.slice(1);
  }
  if (rest === '0') return 0;
  if (rest.length === 0) return undefined;
  const part = /^(\d*(?:\.\d*)?)([a-zµμ]+)/;
  let total = 0;
  while (rest.length > 0) {
    const m = part.exec(rest);
    if (!m || m[1] === '' || m[1] === '.') return undefined;
    const unit = DURATION_UNITS[m[2]!];
    if (unit === undefined) return undefined;
    total += Number(m[1]) * unit;
    rest = rest.slice(m[0].length);
  }
  return sign * total;
}

/** Every host built-in the engine provides, by OPA name. The capabilities file is built from these keys. */
export const HOST_BUILTINS = {
  'time.parse_rfc3339_ns': parseRfc3339Ns,
  'time.parse_duration_ns': parseDurationNs,
} as const satisfies Record<string, HostBuiltin>;

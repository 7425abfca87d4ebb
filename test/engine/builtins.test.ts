import { describe, expect, it } from 'vitest';
import { HOST_BUILTINS, parseDurationNs, parseRfc3339Ns } from '../../src/engine/builtins.js';
import { opaEval } from '../helpers/opa-eval.js';

const TIMES = [
  '2026-01-01T00:00:00Z',
  '2026-11-20T12:00:00.5Z',
  '2026-11-20T12:00:00.123456789Z',
  '2026-11-20T14:00:00+02:00',
  '2026-11-20T06:30:00-05:30',
  '1970-01-01T00:00:00Z',
  '2024-02-29T23:59:59Z',
  '2023-02-29T00:00:00Z',
  '2026-13-01T00:00:00Z',
  '2026-11-20 12:00:00Z',
  '2026-11-20T12:00:00',
  'yesterday',
  '',
];

const DURATIONS = ['1h', '1h30m', '-1.5s', '300ms', '2h45m10s', '1.5h', '0', '10us', '7µs', '', '1d', '2w', '1y', '3mo', 'h', '.5s', '5.s', '+3m', '1x'];

/** Compare our host built-ins with OPA's Go implementation on the same inputs, via opa eval. */
function differential(name: string, fn: (v: unknown) => number | undefined, inputs: string[]): void {
  const go = opaEval(`{x: ${name}(x) | some x in input}`, inputs) as Record<string, number>;
  for (const x of inputs) {
    const ours = fn(x);
    if (go[x] === undefined) {
      expect(ours, `${name}(${JSON.stringify(x)}) should be undefined like OPA`).toBeUndefined();
    } else {
      expect(ours, `${name}(${JSON.stringify(x)})`).toBeDefined();
      // ns values above 2^53 travel as doubles: equal within double precision
      expect(Math.abs(ours! - go[x]!), `${name}(${JSON.stringify(x)}) = ${ours}, OPA says ${go[x]}`).toBeLessThanOrEqual(Math.abs(go[x]!) * 2 ** -52 * 2);
    }
  }
}

describe('host built-ins match OPA', () => {
  it('time.parse_rfc3339_ns', () => differential('time.parse_rfc3339_ns', parseRfc3339Ns, TIMES));
  it('time.parse_duration_ns', () => differential('time.parse_duration_ns', parseDurationNs, DURATIONS));

  it('reject non-strings without throwing (undefined, as OPA does in non-strict mode)', () => {
    for (const fn of Object.values(HOST_BUILTINS)) {
      expect(fn(42 as unknown as string)).toBeUndefined();
      expect(fn(null as unknown as string)).toBeUndefined();
    }
  });
});

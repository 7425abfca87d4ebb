import { describe, expect, it } from 'vitest';
import {
  daysFromSeconds,
  FOREVER,
  formatDays,
  fromDays,
  fromDuration,
  fromSeconds,
  fromYears,
  parseDuration,
  type Retention,
  retentionEvidence,
  shortest,
} from '../../../src/collectors/log-store/retention.js';

const seconds = (text: string, grammar: Parameters<typeof parseDuration>[1]) => {
  const p = parseDuration(text, grammar);
  if (!p.ok) throw new Error(p.problem);
  return p.seconds;
};

describe('parseDuration', () => {
  it('reads Go durations (time.ParseDuration): hours and below, fractions, combinations', () => {
    expect(seconds('8760h', 'go')).toBe(365 * 86_400);
    expect(seconds('744h', 'go')).toBe(31 * 86_400);
    expect(seconds('1h30m', 'go')).toBe(5400);
    expect(seconds('1.5h', 'go')).toBe(5400);
    expect(seconds('.5h', 'go')).toBe(1800);
    expect(seconds('250ms', 'go')).toBe(0.25);
    expect(seconds('0', 'go')).toBe(0);
    expect(seconds('0s', 'go')).toBe(0);
  });

  it('refuses what Go refuses: days, no unit, empty, negative', () => {
    for (const bad of ['30d', '100', '', 'h', '-1h', '1y', '1 h']) {
      const p = parseDuration(bad, 'go');
      expect(p.ok, bad).toBe(false);
    }
    const p = parseDuration('30d', 'go');
    expect(p.ok === false && p.problem).toBe('"30d" is not a Go duration such as 8760h or 720h30m (units ns us ms s m h)');
  });

  it('reads Prometheus durations (Loki retention_period): y = 365 d, w = 7 d, units largest first', () => {
    expect(seconds('1y', 'prometheus')).toBe(365 * 86_400);
    expect(seconds('52w', 'prometheus')).toBe(364 * 86_400);
    expect(seconds('2w3d', 'prometheus')).toBe(17 * 86_400);
    expect(seconds('8760h', 'prometheus')).toBe(365 * 86_400);
    expect(seconds('1d12h', 'prometheus')).toBe(1.5 * 86_400);
    expect(seconds('5ms', 'prometheus')).toBe(0.005);
    expect(seconds('1m', 'prometheus')).toBe(60);
    expect(seconds('0s', 'prometheus')).toBe(0);
    expect(seconds('0', 'prometheus')).toBe(0);
  });

  it('refuses what Prometheus refuses: fractions, wrong order, unknown units', () => {
    for (const bad of ['1.5h', '3d2w', '', '10', '1mo', '1h ', '1H']) {
      expect(parseDuration(bad, 'prometheus').ok, bad).toBe(bad === '1h ');
    }
  });

  it('reads Elasticsearch time values: one integer and one unit, case-insensitive', () => {
    expect(seconds('30d', 'elasticsearch')).toBe(30 * 86_400);
    expect(seconds('12h', 'elasticsearch')).toBe(43_200);
    expect(seconds('0ms', 'elasticsearch')).toBe(0);
    expect(seconds('90D', 'elasticsearch')).toBe(90 * 86_400);
    expect(seconds('1000nanos', 'elasticsearch')).toBeCloseTo(1e-6);
    for (const bad of ['1y', '2w', '1h30m', '1.5d', 'd', '-1d']) expect(parseDuration(bad, 'elasticsearch').ok, bad).toBe(false);
  });
});

describe('days', () => {
  it('cuts part days down and never rounds up to a minimum', () => {
    expect(daysFromSeconds(188_697_600)).toBe(2184); // Splunk's default frozenTimePeriodInSecs
    expect(daysFromSeconds(31_535_999)).toBe(364.999);
    expect(daysFromSeconds(43_200)).toBe(0.5);
    expect(daysFromSeconds(1)).toBe(0);
  });

  it('formats days for messages', () => {
    expect(formatDays(FOREVER)).toBe('forever');
    expect(formatDays(1)).toBe('1 day');
    expect(formatDays(365)).toBe('365 days');
  });
});

describe('Retention', () => {
  it('turns a zero duration into forever, with a note saying so', () => {
    const r = fromDuration('0s', 'prometheus', 'limits_config.retention_period', { file: 'loki.yaml', line: 3, pointer: '/limits_config/retention_period' });
    expect(r).toEqual({
      days: FOREVER,
      raw: '0s',
      unit: 'duration',
      setting: 'limits_config.retention_period',
      note: '0s means kept forever (no deletion)',
      sources: [{ file: 'loki.yaml', line: 3, pointer: '/limits_config/retention_period' }],
    });
  });

  it('names the setting in a parse problem', () => {
    expect(fromDuration('1 year', 'prometheus', 'limits_config.retention_period')).toEqual({
      problem: 'limits_config.retention_period: "1 year" is not a Prometheus duration such as 8760h, 365d, 52w or 1y (units y w d h m s ms, largest first)',
    });
  });

  it('keeps raw value and unit for seconds, days and years', () => {
    expect(fromSeconds(2_592_000, 'frozenTimePeriodInSecs')).toMatchObject({ days: 30, raw: 2_592_000, unit: 'seconds' });
    expect(fromDays(400, 'retentionInDays')).toMatchObject({ days: 400, raw: 400, unit: 'days' });
    expect(fromYears(7, 'DefaultRetention.Years')).toMatchObject({ days: 2555, raw: 7, unit: 'years', note: 'a year counted as 365 days' });
  });

  it('picks the shortest retention, forever being the longest', () => {
    const a = fromDays(400, 'a');
    const b = fromDays(30, 'b');
    const f: Retention = { days: FOREVER, raw: null, unit: 'none', setting: 'f', sources: [] };
    expect(shortest([f, a, b])).toBe(b);
    expect(shortest([f, a])).toBe(a);
    expect(shortest([f])).toBe(f);
    expect(shortest([])).toBeUndefined();
  });

  it('gives evidence with the raw value, unit and where it was read', () => {
    const r = fromDuration('8760h', 'prometheus', 'limits_config.retention_period', { file: 'loki.yaml', line: 7, pointer: '/limits_config/retention_period' });
    expect(retentionEvidence(r as Retention)).toEqual({
      days: 365,
      text: '365 days',
      raw: '8760h',
      unit: 'duration',
      setting: 'limits_config.retention_period',
      read_at: ['loki.yaml:7 /limits_config/retention_period'],
    });
  });
});

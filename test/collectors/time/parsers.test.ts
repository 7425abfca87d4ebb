/**
 * The status-output parsers on real outputs: fixtures/ntpsec/captures/ are `ntpq` 1.2.2 outputs
 * captured from ntpd in the test lab (starting up, in orphan mode, synchronized), and what each
 * says about synchronization and the local clock as reference.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CaptureFormatError, parseSources, parseTracking, trackingSynchronized } from '../../../src/collectors/time/chronyc.js';
import { parseAssociations, parsePeers, parseRv, rvLocalReference, rvSynchronized } from '../../../src/collectors/time/ntpq.js';
import { durationMs, parseTimesyncStatus } from '../../../src/collectors/time/timedatectl.js';
import { fixture } from '../../helpers/run.js';

const capture = (name: string) => readFileSync(fixture('ntpsec', 'captures', name), 'utf8');

describe('ntpq 1.2.2 outputs', () => {
  it('rv: starting up is neither synchronized nor on the local clock; orphan mode is the local clock; synchronized has a system peer', () => {
    const starting = parseRv(capture('rv-starting.txt'));
    expect(starting).toMatchObject({ leap: 'unsynchronized', stratum: 16, peer: 0, rootDispersionMs: 0.015 });
    expect([rvSynchronized(starting), rvLocalReference(starting)]).toEqual([false, false]);
    const orphan = parseRv(capture('rv-orphan.txt'));
    expect(orphan).toMatchObject({ leap: 'normal', stratum: 5, peer: 0, refid: '127.0.0.1', version: 'ntpd ntpsec-1.2.2' });
    expect([rvSynchronized(orphan), rvLocalReference(orphan)]).toEqual([false, true]);
    const synced = parseRv(capture('rv-synchronized.txt'));
    expect(synced).toMatchObject({ leap: 'normal', stratum: 4, peer: 17767, offsetMs: 0.027441, lines: { leap: 2, offset: 4, peer: 4 } });
    expect([rvSynchronized(synced), rvLocalReference(synced)]).toEqual([true, false]);
  });

  it('peers and associations pair up line by line', () => {
    const peers = parsePeers(capture('peers-synchronized.txt'));
    expect(peers.map((p) => [p.tally, p.remote, p.stratum, p.line])).toEqual([
      ['*', '192.0.2.1', 3, 3],
      [' ', '192.0.2.9', 16, 4],
    ]);
    expect(parseAssociations(capture('associations-synchronized.txt')).map((a) => [a.assid, a.auth, a.condition])).toEqual([
      [17767, 'ok', 'sys.peer'],
      [17768, 'none', 'reject'],
    ]);
    // -w puts a long name alone on its line: the source is where its name is
    expect(parsePeers(readFileSync(fixture('ntpsec', 'secure', 'peers.txt'), 'utf8')).map((p) => [p.remote, p.line])).toEqual([
      ['time1.example.internal', 3],
      ['time2.example.internal', 5],
    ]);
  });

  it('a peers line with a tally code and no remote is an error at its line (a source has a name)', () => {
    const text = readFileSync(fixture('ntpsec', 'secure', 'peers.txt'), 'utf8').replace('*time1.example.internal', '*');
    expect(() => parsePeers(text)).toThrow(
      expect.objectContaining({ name: 'CaptureFormatError', line: 3, message: 'expected a remote address after the tally code "*"' }),
    );
  });

  it('a variable that is not a number is an error at its line', () => {
    expect(() => parseRv(capture('rv-synchronized.txt').replace('offset=0.027441', 'offset=fast'))).toThrowError(CaptureFormatError);
    try {
      parseRv(capture('rv-synchronized.txt').replace('offset=0.027441', 'offset=fast'));
    } catch (e) {
      expect((e as CaptureFormatError).line).toBe(4);
    }
  });
});

describe('chronyc -c and timedatectl outputs', () => {
  it('tracking: the reference ID decides (00000000 none, 7F7F0101 the local clock)', () => {
    const line = (ref: string, leap: string) => `${ref},x,3,1796167327.1,-0.000001913,0,0,0,0,0,0.000007481,0.000000235,0.1,${leap}\n`;
    expect(trackingSynchronized(parseTracking(line('7F000002', 'Normal')))).toBe(true);
    expect(trackingSynchronized(parseTracking(line('7F7F0101', 'Normal')))).toBe(false);
    expect(trackingSynchronized(parseTracking(line('00000000', 'Not synchronised')))).toBe(false);
    // the reference time is seconds since 1970: one no date can hold is a broken capture, not a crash
    for (const t of ['-1', '8640000000000.001']) {
      expect(() => parseTracking(line('7F000002', 'Normal').replace('1796167327.1', t))).toThrow(
        expect.objectContaining({ name: 'CaptureFormatError', line: 1, message: expect.stringContaining(`field 4 (reference time) is "${t}"`) }),
      );
    }
    expect(() => parseTracking(line('7F000002', 'Maybe'))).toThrowError(/field 14 \(leap status\) is "Maybe"/);
    expect(parseSources('')).toEqual([]); // chronyd without sources prints nothing
  });

  it('an offset no date span can hold is a broken capture at its line, not a snapshot with an infinite offset_ms', () => {
    const source = (offset: string) => `^,+,time1.example.internal,2,-4,377,0,${offset},0.000000154,0.000003852\n`;
    expect(parseSources(source('-0.000001913'))[0]).toMatchObject({ offsetS: -0.000001913 });
    // found by test/properties/files.test.ts: -1.8e299 s became -Infinity ms and broke the model schema
    expect(() => parseSources(source('-1.7976931348623156e+299'))).toThrow(
      expect.objectContaining({ name: 'CaptureFormatError', line: 1, message: expect.stringContaining('field 8 (offset) is "-1.7976931348623156e+299"') }),
    );
  });

  it('timesync-status durations in milliseconds', () => {
    const s = parseTimesyncStatus(readFileSync(fixture('timesyncd', 'secure', 'timesync-status.txt'), 'utf8'));
    expect(durationMs(s.get('Offset')!)).toBeCloseTo(-0.212);
    expect(durationMs((s.get('Root distance') ?? '').replace(/\(.*$/, ''))).toBeCloseTo(1.372);
    expect(durationMs('1min 4s')).toBe(64_000);
    expect(durationMs('n/a')).toBeNull();
  });
});

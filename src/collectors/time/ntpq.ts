/**
 * ntpq output of ntpsec 1.2 (https://docs.ntpsec.org/latest/ntpq.html): `ntpq -c rv` (system
 * variables, name=value pairs over several lines), `ntpq -pnw` (the peers billboard) and
 * `ntpq -c associations` (its auth column). Shapes taken from real ntpd 1.2.2 output.
 */
import { CaptureFormatError, type LeapStatus } from './chronyc.js';

export interface NtpSystem {
  readonly leap: LeapStatus;
  readonly stratum: number;
  readonly refid: string;
  /** Association id of the system peer; 0 = none (orphan mode or unsynchronized). */
  readonly peer: number;
  /** Milliseconds, ntpd's sign: positive = the server is ahead, the local clock slow. */
  readonly offsetMs: number;
  readonly rootDelayMs: number;
  readonly rootDispersionMs: number;
  readonly version: string | null;
  /** Lines of the output the decisive variables were read from. */
  readonly lines: { readonly leap: number; readonly offset: number; readonly peer: number };
}

export interface NtpPeer {
  /** Tally code: * system peer, + candidate, # backup, o PPS peer, - outlier, x falseticker, . excess, space rejected. */
  readonly tally: string;
  readonly remote: string;
  readonly refid: string;
  readonly stratum: number;
  /** u unicast, p pool prototype, l local/refclock, s symmetric, b/m broadcast/multicast. */
  readonly type: string;
  readonly reach: string;
  readonly offsetMs: number;
  /** Line of the output it was read from (the columns' line). */
  readonly line: number;
}

export interface NtpAssociation {
  readonly assid: number;
  /** none, ok, bad (ntpsec) */
  readonly auth: string;
  readonly condition: string;
  readonly line: number;
}

const LEAP_BITS: Record<string, LeapStatus> = { '00': 'normal', '01': 'insert_second', '10': 'delete_second', '11': 'unsynchronized' };

export function parseRv(text: string): NtpSystem {
  if (!/^\s*associd=\d+ status=/.test(text)) throw new CaptureFormatError(1, 'expected `ntpq -c rv` output starting with "associd=0 status="');
  const vars = new Map<string, string>();
  const lineOf = new Map<string, number>();
  for (const m of text.matchAll(/([a-z_][a-z0-9_]*)=("(?:[^"\\]|\\.)*"|[^,\n]*)/g)) {
    vars.set(m[1]!, m[2]!.trim());
    lineOf.set(m[1]!, text.slice(0, m.index).split('\n').length);
  }
  const need = (name: string): string => {
    const v = vars.get(name);
    if (v === undefined) throw new CaptureFormatError(1, `\`ntpq -c rv\` output has no ${name}=`);
    return v;
  };
  const number = (name: string): number => {
    const n = Number(need(name));
    if (!Number.isFinite(n)) throw new CaptureFormatError(lineOf.get(name) ?? 1, `${name}= is not a number: ${JSON.stringify(vars.get(name))}`);
    return n;
  };
  const leapRaw = need('leap');
  const leap = LEAP_BITS[leapRaw];
  if (!leap) throw new CaptureFormatError(lineOf.get('leap') ?? 1, `leap=${leapRaw}; expected 00, 01, 10 or 11`);
  const version = vars.get('version');
  return {
    leap,
    stratum: number('stratum'),
    refid: need('refid'),
    peer: vars.has('peer') ? number('peer') : 0,
    offsetMs: number('offset'),
    rootDelayMs: number('rootdelay'),
    rootDispersionMs: number('rootdisp'),
    version: version ? version.replace(/^"|"$/g, '') : null,
    lines: { leap: lineOf.get('leap') ?? 1, offset: lineOf.get('offset') ?? 1, peer: lineOf.get('peer') ?? 1 },
  };
}

const PEERS_HEADER = /^\s*remote\s+refid\s+st\s+t\s+when\s+poll\s+reach\s+delay\s+offset\s+(jitter|disp)/;

/** `ntpq -p` / `-pn` / `-pnw`; a long remote name may sit alone on its line with the columns on the next. */
export function parsePeers(text: string): NtpPeer[] {
  const lines = text.split(/\r?\n/);
  const header = lines.findIndex((l) => PEERS_HEADER.test(l));
  if (header < 0) throw new CaptureFormatError(1, 'expected the `ntpq -p` header "remote refid st t when poll reach delay offset jitter"');
  const out: NtpPeer[] = [];
  let pending: { tally: string; remote: string; line: number } | null = null;
  for (let i = header + 1; i < lines.length; i++) {
    const line = lines[i]!;
    if (/^=+$/.test(line.trim()) || line.trim() === '') continue;
    const tally: string = pending ? pending.tally : line[0]!;
    const words = (pending ? line : line.slice(1)).trim().split(/\s+/);
    const remote: string = pending ? pending.remote : words.shift()!;
    if (remote === '') throw new CaptureFormatError(i + 1, `expected a remote address after the tally code ${JSON.stringify(tally)}`);
    if (words.length === 0) {
      pending = { tally, remote, line: i + 1 };
      continue;
    }
    const at = pending?.line ?? i + 1;
    pending = null;
    if (words.length < 9)
      throw new CaptureFormatError(i + 1, `expected refid st t when poll reach delay offset jitter after ${remote}, found ${words.length} columns`);
    const [refid, st, type, , , reach, , offset] = words as [string, string, string, string, string, string, string, string];
    const stratum = Number(st);
    const offsetMs = Number(offset);
    if (!Number.isFinite(stratum) || !Number.isFinite(offsetMs)) throw new CaptureFormatError(i + 1, `stratum or offset of ${remote} is not a number`);
    out.push({ tally: tally === ' ' ? ' ' : tally, remote, refid, stratum, type, reach, offsetMs, line: at });
  }
  return out;
}

/** `ntpq -c associations`. */
export function parseAssociations(text: string): NtpAssociation[] {
  const lines = text.split(/\r?\n/);
  const header = lines.findIndex((l) => /^\s*ind\s+assid\s+status\s+conf\s+reach\s+auth\s+condition/.test(l));
  if (header < 0) throw new CaptureFormatError(1, 'expected the `ntpq -c associations` header "ind assid status conf reach auth condition"');
  const out: NtpAssociation[] = [];
  for (let i = header + 1; i < lines.length; i++) {
    const words = lines[i]!.trim().split(/\s+/);
    if (words.length < 7 || /^=+$/.test(words[0]!)) continue;
    out.push({ assid: Number(words[1]), auth: words[5]!, condition: words[6]!, line: i + 1 });
  }
  return out;
}

export function ntpqKind(text: string): 'rv' | 'peers' | 'associations' | null {
  if (/^\s*associd=\d+ status=/.test(text)) return 'rv';
  if (PEERS_HEADER.test(text.split(/\r?\n/).find((l) => l.trim() !== '') ?? '')) return 'peers';
  if (/^\s*ind\s+assid\s+status/m.test(text)) return 'associations';
  return null;
}

/** Synchronized to an upstream: leap not 11, stratum below 16, and a system peer. */
export function rvSynchronized(s: NtpSystem): boolean {
  return s.leap !== 'unsynchronized' && s.stratum < 16 && s.peer !== 0;
}

/** Orphan mode (ntpsec's local clock as reference): leap set, no system peer, a 127.x refid. */
export function rvLocalReference(s: NtpSystem): boolean {
  return s.leap !== 'unsynchronized' && s.stratum < 16 && s.peer === 0;
}

/**
 * `timedatectl show` and `timedatectl show-timesync --all` (systemd 252): Key=Value lines.
 * https://www.freedesktop.org/software/systemd/man/252/timedatectl.html
 */
import { CaptureFormatError } from './chronyc.js';

export type Properties = ReadonlyMap<string, string>;

export function parseProperties(text: string): Map<string, string> {
  const out = new Map<string, string>();
  text.split(/\r?\n/).forEach((line, i) => {
    if (line.trim() === '') return;
    const eq = line.indexOf('=');
    if (eq <= 0) throw new CaptureFormatError(i + 1, `expected Key=Value from timedatectl show, found ${JSON.stringify(line.slice(0, 60))}`);
    out.set(line.slice(0, eq), line.slice(eq + 1));
  });
  return out;
}

export function timedatectlKind(text: string): 'show' | 'show-timesync' | 'timesync-status' | null {
  if (/^NTPSynchronized=/m.test(text) && /^Timezone=/m.test(text)) return 'show';
  if (/^(SystemNTPServers|ServerName|FallbackNTPServers)=/m.test(text)) return 'show-timesync';
  if (/^\s*Server:\s/m.test(text) && /^\s*Offset:\s/m.test(text)) return 'timesync-status';
  return null;
}

/** A duration as timedatectl prints it ("-23us", "+1.234ms", "5s", "1min 4s") in milliseconds, or null. */
export function durationMs(text: string): number | null {
  const unit: Record<string, number> = { ns: 1e-6, us: 1e-3, ms: 1, s: 1000, min: 60_000, h: 3_600_000 };
  const trimmed = text.trim();
  const sign = trimmed.startsWith('-') ? -1 : 1;
  let total = 0;
  let matched = false;
  for (const m of trimmed.replace(/^[+-]/, '').matchAll(/(\d+(?:\.\d+)?)\s*(ns|us|ms|min|s|h)\b/g)) {
    total += Number(m[1]) * unit[m[2]!]!;
    matched = true;
  }
  return matched ? sign * total : null;
}

/**
 * `timedatectl timesync-status` (systemd 252; the example in timedatectl(1)): "Name: value" lines,
 * e.g. "Server: 192.0.2.1 (time1.example.com)", "Leap: normal", "Stratum: 2", "Root distance: 335us (max: 5s)",
 * "Offset: -23us". Keys are returned as written, values trimmed.
 */
export function parseTimesyncStatus(text: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const line of text.split(/\r?\n/)) {
    const m = /^\s*([A-Za-z][A-Za-z ]*?):\s+(.*)$/.exec(line);
    if (m) out.set(m[1]!, m[2]!.trim());
  }
  if (!out.has('Server') || !out.has('Offset'))
    throw new CaptureFormatError(1, 'expected `timedatectl timesync-status` output with "Server:" and "Offset:" lines');
  return out;
}

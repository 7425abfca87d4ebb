/**
 * kube-apiserver command-line flags, parsed the way pflag reads them: `--name=value`,
 * `--name value` for flags that take a value, a bare `--name` for booleans. A flag given twice
 * keeps its last value (pflag's Set overwrites for the scalar flags read here). Each flag keeps
 * the index of the argument it came from, so evidence can point at the line.
 */

interface Flag {
  readonly name: string;
  readonly value: string;
  /** Index in the argument list (command followed by args) of the `--name` argument. */
  readonly index: number;
}

/** Boolean flags among those auditready reads (a bare `--name` means true; no separate value). */
const BOOLEAN_FLAGS = new Set(['anonymous-auth', 'audit-log-compress', 'audit-log-truncate-enabled', 'audit-webhook-truncate-enabled']);

export type Flags = ReadonlyMap<string, Flag>;

/**
 * Parse an argument list. `argv[0]` may be the program (`kube-apiserver`, a path to it); any
 * argument that is not a flag or a flag's value is ignored (kube-apiserver takes no positional
 * arguments).
 */
export function parseFlags(argv: readonly string[]): Flags {
  const out = new Map<string, Flag>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (!arg.startsWith('--') || arg === '--') continue;
    const body = arg.slice(2);
    const eq = body.indexOf('=');
    if (eq >= 0) {
      const name = body.slice(0, eq);
      out.set(name, { name, value: body.slice(eq + 1), index: i });
    } else if (BOOLEAN_FLAGS.has(body)) {
      out.set(body, { name: body, value: 'true', index: i });
    } else {
      const next = argv[i + 1];
      if (next !== undefined && !next.startsWith('-')) {
        out.set(body, { name: body, value: next, index: i });
        i++;
      } else {
        out.set(body, { name: body, value: 'true', index: i });
      }
    }
  }
  return out;
}

/** pflag's boolean syntax (strconv.ParseBool); undefined for anything else. */
export function parseBool(value: string): boolean | undefined {
  if (['1', 't', 'T', 'true', 'TRUE', 'True'].includes(value)) return true;
  if (['0', 'f', 'F', 'false', 'FALSE', 'False'].includes(value)) return false;
  return undefined;
}

/** A non-negative integer flag value (pflag IntVar accepts a sign; kube-apiserver rejects negatives). */
export function parseCount(value: string): number | undefined {
  if (!/^\+?\d+$/.test(value.trim())) return undefined;
  const n = Number(value.trim());
  return Number.isSafeInteger(n) ? n : undefined;
}

/** Split a shell-style command line into words (single and double quotes, backslash escapes). */
export function splitCommandLine(line: string): string[] {
  const words: string[] = [];
  let cur = '';
  let inWord = false;
  let quote: '"' | "'" | null = null;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quote) {
      if (c === quote) quote = null;
      else if (c === '\\' && quote === '"' && i + 1 < line.length) cur += line[++i];
      else cur += c;
      continue;
    }
    if (c === '"' || c === "'") {
      quote = c;
      inWord = true;
    } else if (c === '\\' && i + 1 < line.length) {
      const n = line[++i]!;
      if (n !== '\n') {
        cur += n;
        inWord = true;
      }
    } else if (/\s/.test(c)) {
      if (inWord) words.push(cur);
      cur = '';
      inWord = false;
    } else {
      cur += c;
      inWord = true;
    }
  }
  if (inWord) words.push(cur);
  return words;
}

/** Kubernetes minor version from an image reference such as registry.k8s.io/kube-apiserver:v1.31.2. */
export function versionFromImage(image: string | undefined): KubeVersion | undefined {
  if (!image) return undefined;
  const tag = /:(v?\d+\.\d+(?:\.\d+)?[^@/:]*)(?:@|$)/.exec(image)?.[1];
  return tag ? parseVersion(tag) : undefined;
}

export interface KubeVersion {
  readonly major: number;
  readonly minor: number;
  /** As read, e.g. v1.31.2 or v1.29.1-gke.1589018. */
  readonly text: string;
}

/** v1.31.2, 1.31, v1.29.0-eks-5e0fdde ... */
function parseVersion(text: string): KubeVersion | undefined {
  const m = /^v?(\d+)\.(\d+)/.exec(text.trim());
  if (!m) return undefined;
  return { major: Number(m[1]), minor: Number(m[2]), text: text.trim() };
}

/** a >= major.minor */
export function atLeast(v: KubeVersion, major: number, minor: number): boolean {
  return v.major > major || (v.major === major && v.minor >= minor);
}

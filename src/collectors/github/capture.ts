/**
 * The raw capture of a GitHub collection (github-<org>.json, stored as evidence and hashed into
 * the snapshot): RawGithub as JSON, indented two spaces, with each repository and each member on
 * a line of its own. It is written part by part into bytes, never as one string, and each
 * repository's part is written as the repository becomes its resource, after which the collector
 * lets go of what was read about it: an organization of 100,000 repositories is held once, as
 * resources and capture bytes, not also as one string of the capture and the objects it came
 * from. `evaluate` and `verify` read the capture back with JSON.parse (src/evidence/derive.ts).
 */
import type { Outcome } from '../kit/result.js';
import type { RawGithub, RawRepo } from './raw.js';

/** Lists written one item per line (the large ones). */
const ONE_PER_LINE: ReadonlySet<string> = new Set(['repos', 'members']);

/** Two-space JSON of `value`, its lines after the first indented by `indent`. */
const pretty = (value: unknown, indent: string) => JSON.stringify(value, null, 2).replace(/\n/g, `\n${indent}`);

const ITEM_INDENT = '      ';
const listOpening = (key: string) => `  ${JSON.stringify(key)}: {\n    "ok": true,\n    "value": [\n`;
const listItem = (item: unknown, last: boolean) => `${ITEM_INDENT}${JSON.stringify(item)}${last ? '' : ','}\n`;
const listClosing = (end: string) => `    ]\n  }${end}`;

/** A list written one item per line: an ok Outcome of a non-empty array. */
function lineList(key: string, value: unknown): readonly unknown[] | undefined {
  const o = value as Outcome<readonly unknown[]> | undefined;
  return ONE_PER_LINE.has(key) && o?.ok && Array.isArray(o.value) && o.value.length > 0 ? o.value : undefined;
}

/** The parts of one member of the capture (its key and value), ending with `end`. */
function* entryParts(key: string, value: unknown, end: string): Generator<string> {
  const list = lineList(key, value);
  if (!list) {
    yield `  ${JSON.stringify(key)}: ${pretty(value, '  ')}${end}`;
    return;
  }
  yield listOpening(key);
  for (const [i, item] of list.entries()) yield listItem(item, i === list.length - 1);
  yield listClosing(end);
}

/** The members of a RawGithub that JSON has (undefined ones are left out, as JSON.stringify does). */
const keysOf = (raw: RawGithub) => (Object.keys(raw) as (keyof RawGithub)[]).filter((k) => raw[k] !== undefined);

/** The parts of the capture, in order; joined they are the document. */
export function* captureParts(raw: RawGithub): Generator<string> {
  const keys = keysOf(raw);
  yield '{\n';
  for (const [n, key] of keys.entries()) yield* entryParts(key, raw[key], n < keys.length - 1 ? ',\n' : '\n');
  yield '}\n';
}

/** Bytes written part by part, joined once at the end. */
class Parts {
  private readonly parts: Buffer[] = [];
  private size = 0;
  write(part: string): void {
    const b = Buffer.from(part, 'utf8');
    this.parts.push(b);
    this.size += b.length;
  }
  bytes(): Buffer {
    return Buffer.concat(this.parts.splice(0), this.size);
  }
}

/** The capture as bytes, built from its parts (no string of the whole document). */
export function captureBytes(raw: RawGithub): Buffer {
  const out = new Parts();
  for (const part of captureParts(raw)) out.write(part);
  return out.bytes();
}

/**
 * Normalize and capture in one pass over the repositories: `normalize` is given the callback
 * normalizeGithub calls as each repository becomes its resource; that repository's line of the
 * capture is written then and the repository is released from `raw` (its slot becomes null), so
 * `raw` must not be used for its repositories afterwards. The bytes are those of captureBytes(raw)
 * as it was.
 */
export function normalizeAndCapture<T>(raw: RawGithub, normalize: (done: (repo: RawRepo, index: number) => void) => T): { result: T; bytes: Buffer } {
  const out = new Parts();
  const keys = keysOf(raw);
  const at = keys.indexOf('repos');
  const repos = lineList('repos', raw.repos) as (RawRepo | null)[] | undefined;
  const end = (n: number) => (n < keys.length - 1 ? ',\n' : '\n');
  out.write('{\n');
  // everything before the repositories, and the repositories themselves when they are not one a line
  for (const [n, key] of keys.entries()) if (n < at || (n === at && !repos)) for (const p of entryParts(key, raw[key], end(n))) out.write(p);
  if (repos) out.write(listOpening('repos'));
  let written = 0;
  const result = normalize((repo, i) => {
    if (!repos) return;
    if (i !== written || repos[i] !== repo) throw new Error(`the raw capture expected repository ${written}, got ${i}`);
    out.write(listItem(repo, i === repos.length - 1));
    repos[i] = null;
    written++;
  });
  if (repos) {
    if (written !== repos.length) throw new Error(`the raw capture got ${written} of ${repos.length} repositories`);
    out.write(listClosing(end(at)));
  }
  for (const [n, key] of keys.entries()) if (n > at) for (const p of entryParts(key, raw[key], end(n))) out.write(p);
  out.write('}\n');
  return { result, bytes: out.bytes() };
}

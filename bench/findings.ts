/**
 * Every engine's findings, compared one by one: each finding becomes a canonical JSON text (keys
 * sorted) prefixed by its policy key, hashed; each engine's findings become a sorted list of those
 * hashes per policy. Two engines agree when the lists are equal, finding for finding (a count that
 * happens to match is not enough). Hashes keep 50,000-tool estates (1.2 million findings) small.
 */
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';

/** A finding as a policy emits it: what every engine reports (the CLI's report maps back to it). */
export interface Comparable {
  tool: string;
  resource: string | null;
  status: string;
  message: string;
  observed: unknown;
  expected: unknown;
  evidence: unknown;
  gaps: unknown;
}

/** Sorted hashes of canonical findings, per policy key. */
export type Digest = Record<string, string[]>;

function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(o).sort()) out[k] = sortKeys(o[k]);
    return out;
  }
  return v;
}

export function findingHash(key: string, f: Comparable): string {
  const c = {
    tool: f.tool,
    resource: f.resource ?? null,
    status: f.status,
    message: f.message,
    observed: f.observed,
    expected: f.expected,
    evidence: f.evidence,
    gaps: f.gaps,
  };
  return createHash('sha1')
    .update(key)
    .update('\u0000')
    .update(JSON.stringify(sortKeys(c)))
    .digest('base64');
}

/** Collects findings one at a time (a streamed report never has to be held whole). */
export class DigestBuilder {
  private readonly lists: Record<string, string[]> = {};
  count = 0;

  add(key: string, f: Comparable): void {
    const list = this.lists[key] ?? [];
    this.lists[key] = list;
    list.push(findingHash(key, f));
    this.count++;
  }

  addAll(results: Record<string, readonly Comparable[]>, keep: (f: Comparable) => boolean = () => true): this {
    for (const [key, fs] of Object.entries(results)) for (const f of fs) if (keep(f)) this.add(key, f);
    return this;
  }

  done(): Digest {
    const out: Digest = {};
    for (const key of Object.keys(this.lists).sort()) out[key] = this.lists[key]!.sort();
    return out;
  }
}

export function saveDigest(file: string, d: Digest): void {
  writeFileSync(file, JSON.stringify(d));
}

/** Differences between two digests ("" when equal): per policy, findings only in one or the other. */
export function compareDigests(a: Digest, b: Digest, nameA: string, nameB: string): string {
  const problems: string[] = [];
  for (const key of [...new Set([...Object.keys(a), ...Object.keys(b)])].sort()) {
    const x = a[key] ?? [];
    const y = b[key] ?? [];
    if (x.length === y.length && x.every((h, i) => h === y[i])) continue;
    const inY = new Set(y);
    const inX = new Set(x);
    const onlyA = x.filter((h) => !inY.has(h)).length;
    const onlyB = y.filter((h) => !inX.has(h)).length;
    problems.push(`${key}: ${onlyA} findings only in ${nameA}, ${onlyB} only in ${nameB} (${x.length} vs ${y.length})`);
  }
  return problems.join('; ');
}

export function digestSize(d: Digest): number {
  let n = 0;
  for (const list of Object.values(d)) n += list.length;
  return n;
}

import { CollectorError } from '../errors.js';
import { describeError, primaryError, validator } from '../util/schema.js';
import { gapProblems } from './gaps.js';
import type { ModelDocument, ToolSnapshot } from './types.js';

/**
 * Check a collector's output against the model schema and the explicitness rule.
 * Failure is a bug in the collector: the error names it and the JSON path.
 */
export function assertValidSnapshot(collector: string, snapshot: ToolSnapshot): void {
  const v = validator('model');
  const doc: ModelDocument = { model_version: '1', tools: [snapshot] };
  if (!v(doc)) {
    const err = primaryError(v.errors ?? []);
    const msg = describeError(err, 2);
    throw new CollectorError(collector, `snapshot ${snapshot.id ?? '(no id)'} breaks the model schema at ${msg}`);
  }
  const problems = gapProblems(snapshot, snapshot.gaps);
  if (problems.length > 0) {
    const p = problems[0]!;
    throw new CollectorError(collector, `snapshot ${snapshot.id} at ${p.pointer.slice(1).replace(/\//g, '.')}: ${p.message}`);
  }
}

export function assertUniqueIds(tools: readonly ToolSnapshot[]): void {
  const seen = new Set<string>();
  for (const t of tools) {
    if (seen.has(t.id)) throw new CollectorError(t.source.collector, `two snapshots share the id ${t.id}`);
    seen.add(t.id);
  }
}

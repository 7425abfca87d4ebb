import { pointerTarget } from '../../report/evidence-pointer.js';
import type { Finding, Report } from '../../report/types.js';

/** Resolve an RFC 6901 JSON pointer; `found: false` when a step is missing. */
export function resolvePointer(doc: unknown, pointer: string): { found: boolean; value?: unknown } {
  if (pointer === '') return { found: true, value: doc };
  if (!pointer.startsWith('/')) return { found: false };
  let cur: unknown = doc;
  for (const raw of pointer.slice(1).split('/')) {
    const step = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (Array.isArray(cur) && /^(0|[1-9]\d*)$/.test(step) && Number(step) < cur.length) cur = cur[Number(step)];
    else if (cur !== null && typeof cur === 'object' && !Array.isArray(cur) && Object.hasOwn(cur, step)) cur = (cur as Record<string, unknown>)[step];
    else return { found: false };
  }
  return { found: true, value: cur };
}

export interface EvidenceValue {
  readonly pointer: string;
  /** The JSON text of the value at the pointer in report.snapshots, or why there is none. */
  readonly text: string;
  readonly found: boolean;
}

/** Each evidence pointer of a finding with the value it points at in the report's snapshot of that tool (or of the tool it cites). */
export function evidenceValues(report: Report, finding: Finding): EvidenceValue[] {
  return finding.evidence.pointers.map((pointer) => {
    const target = pointerTarget(finding, pointer);
    const snapshot = report.snapshots.find((s) => s.id === target.tool);
    if (!snapshot) return { pointer, found: false, text: `(no snapshot ${target.tool} in the report)` };
    const r = resolvePointer(snapshot, target.pointer);
    return r.found ? { pointer, found: true, text: JSON.stringify(r.value) ?? 'undefined' } : { pointer, found: false, text: '(not in the snapshot)' };
  });
}

// How a snapshot was obtained: read by a native collector from the tool itself, or declared by
// the organization in a facts file. Reports, evidence and OSCAL say which (README "Declared facts").
import type { Source } from './types.js';

export type Provenance = 'collected' | 'declared';

export function isDeclared(source: { readonly method: Source['method'] | string }): boolean {
  return source.method === 'facts-file';
}

export function provenance(source: { readonly method: Source['method'] | string }): Provenance {
  return isDeclared(source) ? 'declared' : 'collected';
}

/** One phrase for reports: "declared by the organization in a facts file" or "collected by a native collector". */
export function provenanceText(source: { readonly method: Source['method'] | string }): string {
  return isDeclared(source) ? 'declared by the organization in a facts file' : 'collected by a native collector';
}

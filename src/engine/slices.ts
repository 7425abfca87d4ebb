// A tool too large for one evaluation (a GitHub organization with tens of thousands of
// repositories) is evaluated in slices: each slice is the tool with every resource that is not a
// repository and a run of its repositories of about SLICE_BYTES, whatever their order. A slice
// whose run holds no active repository borrows one from elsewhere in the tool (a slice without
// any would say "no active repositories" where the whole tool says otherwise); the borrowed
// repository's findings count in its own slice only. Per-repository policies judge each repository
// on its own, so each repository's findings come from its slice; every other finding (the tool's
// facts, its organization resource, "no active repositories") is the same in every slice and kept
// once. A policy whose tool-level findings differ between slices judges the repositories together:
// slicing would change its verdict, so the evaluation stops with an error instead (fail closed).
// Findings point into the tool's resources by index: a slice's indices are mapped back to the tool's.
import { EngineError } from '../errors.js';
import type { ToolSnapshot } from '../model/types.js';
import type { RawFinding, RawResults } from './engine.js';

/** A slice's repositories take about this many bytes of input. */
export const SLICE_BYTES = 256 * 1024;
/** A tool with fewer resources than this is always evaluated whole (too small to need slices). */
export const SLICE_MIN_RESOURCES = 100;

export interface ToolSlice {
  /** The slice as policy input (one tool). */
  readonly json: string;
  /** The tool's index of each of the slice's resources. */
  readonly indexes: readonly number[];
  /** The id of an active repository borrowed from another slice: its findings here are dropped. */
  readonly borrowed?: string;
}

type PolicyTool = Omit<ToolSnapshot, 'provenance'>;
type Resource = NonNullable<ToolSnapshot['resources']>[number];

const isRepository = (r: Resource) => r.kind === 'repository';
const isActive = (r: Resource) => isRepository(r) && r.facts.archived !== true;

/**
 * The tool's slices, or undefined when it is evaluated whole: it has no repositories, or its
 * repositories fit in two slices. Each resource is serialized once; a slice's text joins them.
 */
export function sliceTool(tool: PolicyTool, sliceBytes: number = SLICE_BYTES): ToolSlice[] | undefined {
  const resources = tool.resources ?? [];
  const text = resources.map((r) => JSON.stringify(r));
  const repos: number[] = [];
  const others: number[] = [];
  for (const [i, r] of resources.entries()) (isRepository(r) ? repos : others).push(i);
  if (repos.length < 2) return undefined;
  let total = 0;
  for (const i of repos) total += text[i]!.length + 1;
  if (total <= 2 * sliceBytes) return undefined;
  // runs of repositories of about sliceBytes each, by size alone (a long run of archived ones too)
  const groups: number[][] = [];
  let group: number[] = [];
  let bytes = 0;
  for (const i of repos) {
    group.push(i);
    bytes += text[i]!.length + 1;
    if (bytes >= sliceBytes) {
      groups.push(group);
      group = [];
      bytes = 0;
    }
  }
  if (group.length > 0) groups.push(group);
  if (groups.length < 2) return undefined;
  const anchor = repos.find((i) => isActive(resources[i]!));
  // the tool without its resources, to which each slice's resources are joined
  const head = JSON.stringify({ ...tool, resources: undefined }).slice(0, -1);
  return groups.map((g) => {
    const borrow = anchor !== undefined && !g.some((i) => isActive(resources[i]!)) ? anchor : undefined;
    const indexes = [...others, ...g, ...(borrow === undefined ? [] : [borrow])].sort((a, b) => a - b);
    const json = `${head}${head.length > 1 ? ',' : ''}"resources":[${indexes.map((i) => text[i]).join(',')}]}`;
    return borrow === undefined ? { json, indexes } : { json, indexes, borrowed: resources[borrow]!.id };
  });
}

const POINTER = /^\/resources\/(\d+)(?=\/|$)/;

/**
 * A slice's findings in the tool's terms (in place): evidence pointers into the tool's resources,
 * and the findings on a borrowed repository dropped (they come from its own slice).
 */
export function pointIntoTool(results: RawResults, slice: Pick<ToolSlice, 'indexes' | 'borrowed'>): RawResults {
  const { indexes, borrowed } = slice;
  for (const [key, findings] of Object.entries(results)) {
    const kept = borrowed === undefined ? findings : findings.filter((f) => f.resource !== borrowed);
    for (const f of kept) {
      // sorted again, as the policies sort them (the indices changed)
      f.evidence = f.evidence
        .map((p) => {
          const m = POINTER.exec(p);
          if (!m) return p;
          const at = indexes[Number(m[1])];
          if (at === undefined) throw new EngineError(`evaluating a slice: a finding points at ${p}, outside the slice's ${indexes.length} resources`);
          return `/resources/${at}${p.slice(m[0].length)}`;
        })
        .sort();
    }
    results[key] = kept;
  }
  return results;
}

/**
 * One tool's findings from its slices (already pointing into the tool): each repository's findings
 * as they came, every other finding once. Throws when a policy's other findings differ between
 * slices.
 */
export function mergeSlices(tool: PolicyTool, parts: readonly RawResults[]): RawResults {
  const repositories = new Set((tool.resources ?? []).filter(isRepository).map((r) => r.id));
  const out: RawResults = {};
  const keys = new Set(parts.flatMap((p) => Object.keys(p)));
  for (const key of keys) {
    const list: RawFinding[] = [];
    let shared: string[] | undefined;
    let sharedFindings: RawFinding[] = [];
    for (const part of parts) {
      const own: RawFinding[] = [];
      const rest: RawFinding[] = [];
      for (const f of part[key] ?? []) (f.resource !== null && repositories.has(f.resource) ? own : rest).push(f);
      for (const f of own) list.push(f);
      const texts = rest.map((f) => JSON.stringify(f)).sort();
      if (shared === undefined) {
        shared = texts;
        sharedFindings = rest;
      } else if (texts.length !== shared.length || texts.some((t, i) => t !== shared![i])) {
        throw new EngineError(
          `evaluating ${tool.id} in slices of its repositories: policy ${key} judges the repositories together (its findings on the tool differ between slices), so the tool cannot be evaluated in parts; narrow the target (fewer repositories) or split it into several targets`,
        );
      }
    }
    out[key] = [...sharedFindings, ...list];
  }
  return out;
}

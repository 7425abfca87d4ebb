// A tool too large for one evaluation (a GitHub organization with tens of thousands of
// repositories) is evaluated in slices: each slice is the tool with every resource that is not a
// repository and a run of its repositories, at least one of them active. Per-repository policies
// judge each repository on its own, so each repository's findings come from its slice; every other
// finding (the tool's facts, its organization resource, "no active repositories") is the same in
// every slice and kept once. A policy whose tool-level findings differ between slices judges the
// repositories together: slicing would change its verdict, so the evaluation stops with an error
// instead (fail closed). Findings point into the tool's resources by index: a slice's indices are
// mapped back to the tool's.
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
}

type PolicyTool = Omit<ToolSnapshot, 'provenance'>;
type Resource = NonNullable<ToolSnapshot['resources']>[number];

const isRepository = (r: Resource) => r.kind === 'repository';
const isActive = (r: Resource) => isRepository(r) && r.facts.archived !== true;

/**
 * The tool's slices, or undefined when it is evaluated whole: it has no repositories, or its
 * repositories fit in two slices.
 */
export function sliceTool(tool: PolicyTool, sliceBytes: number = SLICE_BYTES): ToolSlice[] | undefined {
  const resources = tool.resources ?? [];
  const repos: number[] = [];
  const others: number[] = [];
  for (const [i, r] of resources.entries()) (isRepository(r) ? repos : others).push(i);
  if (repos.length < 2) return undefined;
  const sizes = repos.map((i) => JSON.stringify(resources[i]).length + 1);
  let total = 0;
  for (const s of sizes) total += s;
  if (total <= 2 * sliceBytes) return undefined;
  // runs of repositories of about sliceBytes, each closed only once it holds an active one
  const groups: number[][] = [];
  let group: number[] = [];
  let bytes = 0;
  let active = false;
  repos.forEach((i, k) => {
    group.push(i);
    bytes += sizes[k]!;
    active ||= isActive(resources[i]!);
    if (bytes >= sliceBytes && active) {
      groups.push(group);
      group = [];
      bytes = 0;
      active = false;
    }
  });
  // the rest joins the last run when it holds no active repository (a slice of its own would say "none active")
  if (group.length > 0) {
    const last = groups[groups.length - 1];
    if (last && !active) last.push(...group);
    else groups.push(group);
  }
  if (groups.length < 2) return undefined;
  return groups.map((g) => {
    const indexes = [...others, ...g].sort((a, b) => a - b);
    return { json: JSON.stringify({ ...tool, resources: indexes.map((i) => resources[i]!) }), indexes };
  });
}

const POINTER = /^\/resources\/(\d+)(?=\/|$)/;

/** A slice's findings with their evidence pointers into the tool's resources (in place). */
export function pointIntoTool(results: RawResults, indexes: readonly number[]): RawResults {
  for (const findings of Object.values(results)) {
    for (const f of findings) {
      // sorted again, as the policies sort them (the indices changed)
      f.evidence = f.evidence
        .map((p) => {
          const m = POINTER.exec(p);
          return m ? `/resources/${indexes[Number(m[1])] ?? m[1]}${p.slice(m[0].length)}` : p;
        })
        .sort();
    }
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

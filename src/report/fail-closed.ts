// The one rule for verdicts on a tool whose input could not be read (README "Finding statuses").
// `check`, `evaluate` (re-deriving a bundle) and everything else that builds findings go through
// assembleFindings, which applies it; control state (control-state.ts) applies it again to reports
// written before the rule, so an old report cannot make a control satisfied either.
import type { ToolSnapshot } from '../model/types.js';
import { type Status, worstStatus } from './types.js';

/**
 * Why the tool's input could not be read: its collection error, which the collector kit records in
 * the snapshot (source.details.collection_error) beside the report's `collection_errors`, so an
 * evidence bundle re-evaluated offline knows it too. Undefined for a tool that was read.
 */
export function collectionErrorOf(tool: Pick<ToolSnapshot, 'source'>): string | undefined {
  const error = tool.source.details?.collection_error;
  if (error === undefined || error === null) return undefined;
  // any other shape (an older or hand-made bundle) still says the tool was not read
  return typeof error === 'string' ? error : JSON.stringify(error);
}

/** The tools that could not be read, by id, with their collection error. */
export function unreadableTools(snapshots: readonly Pick<ToolSnapshot, 'id' | 'source'>[]): ReadonlyMap<string, string> {
  const out = new Map<string, string>();
  for (const s of snapshots) {
    const error = collectionErrorOf(s);
    if (error !== undefined) out.set(s.id, error);
  }
  return out;
}

/**
 * What a verdict counts as on a tool whose input could not be read: never better than unknown.
 * A pass, a not-applicable or a waiver proves nothing about a tool that was not read; a fail or an
 * error stays what it is. (Waivers are not applied on such a tool at all: src/report/waivers.ts.)
 */
export function unreadableStatus(status: Status): Status {
  return worstStatus(status, 'unknown');
}

/** A verdict's status and the message that explains it. */
export interface Verdict {
  readonly status: Status;
  readonly message: string;
}

/**
 * A policy's verdict judged against how its tool was collected: on a tool with a collection error
 * a verdict better than unknown becomes unknown, its message saying why (the collection error);
 * on any other tool it is returned as is.
 */
export function failClosed(verdict: Verdict, tool: Pick<ToolSnapshot, 'id' | 'source'>): Verdict {
  const error = collectionErrorOf(tool);
  if (error === undefined) return verdict;
  const status = unreadableStatus(verdict.status);
  if (status === verdict.status) return verdict;
  return { status, message: `${verdict.message}, but not proven: ${tool.id} could not be collected: ${error}` };
}

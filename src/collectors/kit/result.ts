/**
 * Results of reading one thing: a value, or why it could not be read (which becomes a gap).
 * I/O code returns Outcomes; normalization turns a missing Outcome into null plus a gap.
 */
import type { Gap, GapReason } from '../../model/types.js';

export type Outcome<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly reason: GapReason; readonly detail: string; readonly permission?: string };

/** The failure side of an Outcome. */
export type Missing = Extract<Outcome<never>, { ok: false }>;

export const ok = <T>(value: T): Outcome<T> => ({ ok: true, value });

export const missing = (reason: GapReason, detail: string, permission?: string): Missing => ({
  ok: false,
  reason,
  detail,
  ...(permission ? { permission } : {}),
});

/** A gap record: the fact, why it is null, and the permission that would let us read it. */
export const gap = (fact: string, reason: GapReason, detail: string, permission?: string): Gap => ({
  fact,
  reason,
  detail,
  ...(permission ? { permission } : {}),
});

/** Shorthands for the five reasons. */
export const notCollected = (detail: string): Missing => missing('not_collected', detail);
export const permissionMissing = (detail: string, permission: string): Missing => missing('permission_missing', detail, permission);
export const notSupported = (detail: string): Missing => missing('not_supported', detail);
export const notApplicable = (detail: string): Missing => missing('not_applicable', detail);
export const failed = (detail: string): Missing => missing('error', detail);

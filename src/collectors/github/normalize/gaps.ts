/** How each pillar turns the Outcomes it decided into facts and gaps, in the order it decides them. */
import type { Gap } from '../../../model/types.js';
import { type Missing, type Outcome, gap } from '../../kit/result.js';

/** The facts of one pillar and the gaps of those that are null. */
export interface Pillar<T> {
  readonly facts: T;
  readonly gaps: readonly Gap[];
}

export class GapList {
  readonly gaps: Gap[] = [];

  /** The value of an Outcome, or null plus the gap saying why. */
  value<T>(fact: string, o: Outcome<T>): T | null {
    if (o.ok) return o.value;
    this.gaps.push(gap(fact, o.reason, o.detail, o.permission));
    return null;
  }

  /** The value of an Outcome passed through f, or null plus the gap. */
  from<T, R>(fact: string, o: Outcome<T>, f: (v: T) => R): R | null {
    return o.ok ? f(o.value) : this.value<R>(fact, o);
  }
}

/** The same reason and permission with another detail. */
export const withDetail = (m: Missing, detail: string): Missing => ({ ...m, detail });

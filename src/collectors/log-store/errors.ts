/**
 * A broken input of one log store (a value the store itself would refuse, an answer that is not
 * the documented shape): that tool becomes unknown with the reason, the others are still reported.
 */
import { describeSource, type FactSource } from './retention.js';

export class StoreInputError extends Error {
  override readonly name = 'StoreInputError';
  readonly where: FactSource;
  readonly problem: string;
  readonly expected: string;
  constructor(where: FactSource, problem: string, expected: string, options?: { cause?: unknown }) {
    super(`${describeSource(where)}: ${problem} (expected ${expected})`, options);
    this.where = where;
    this.problem = problem;
    this.expected = expected;
  }
}

export function inputError(where: FactSource, problem: string, expected: string): never {
  throw new StoreInputError(where, problem, expected);
}

import type { FactSource } from '../../model/types.js';

/** A setting's value and where it was read (or which documented default it is). */
export interface Setting<T> {
  readonly value: T;
  readonly source: FactSource;
}

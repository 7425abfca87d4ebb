/**
 * The largest `measure(item)`, at least `floor`, in one loop. `Math.max(floor, ...items.map(f))`
 * passes every item as a call argument and overflows the stack for large arrays (about 125,000
 * findings), so nothing that grows with the estate may be spread into a call.
 */
export function maxOf<T>(items: Iterable<T>, measure: (item: T) => number, floor = -Infinity): number {
  let max = floor;
  for (const item of items) {
    const m = measure(item);
    if (m > max) max = m;
  }
  return max;
}

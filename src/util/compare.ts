/** Locale-independent string order, so output is byte-identical on every machine. */
export function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

// One collator: localeCompare with options builds a new one on every call, far too slow for 10,000 findings.
const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });

/** Natural order: "10.2.1" after "10.2", "A.8.15" after "A.8.5". */
export function naturalCompare(a: string, b: string): number {
  return collator.compare(a, b);
}

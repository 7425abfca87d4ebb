// How a finding's observed and expected values are written, in every reporter and the terminal UI.
// Observed values are the facts as read (booleans, numbers, lists): written as JSON, so `true`
// and the string "true" stay apart. Expected values are what the policy writes it expects, already
// as text (`true`, `>= 365 (retention_days_min)`, `"none"` for a string value): written as the
// policy wrote them, never quoted a second time.

/** An observed value: `true`, `3`, `"read"`, `["admin"]`; `—` when the finding has none for the fact. */
export function observedText(v: unknown): string {
  return v === undefined ? '—' : (JSON.stringify(v) ?? String(v));
}

/** An expected value: the policy's text as is; anything else (a custom policy's raw value) as JSON; `—` when absent. */
export function expectedText(v: unknown): string {
  return typeof v === 'string' ? v : observedText(v);
}

// A finding's evidence pointer: "/audit_log/retention_days" into its own tool's snapshot, or
// "loki/central#/audit_log/retention_days" into another snapshot the verdict was judged on (a
// cross-tool policy cites the log store). Findings, their file:line sources and the TUI read it here.

/** The snapshot id and the pointer into it. */
export function pointerTarget(finding: { readonly tool: string }, pointer: string): { tool: string; pointer: string } {
  const hash = pointer.indexOf('#');
  return hash > 0 ? { tool: pointer.slice(0, hash), pointer: pointer.slice(hash + 1) } : { tool: finding.tool, pointer };
}

/** The fact path of a pointer into a snapshot: "/identity/local_accounts" → "identity.local_accounts". */
export function pointerFact(pointer: string): string {
  return pointer.slice(1).split('/').join('.');
}

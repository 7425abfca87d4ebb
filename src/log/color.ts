/**
 * Whether a stream gets ANSI colour, one rule for stdout reports, stderr progress and the TUI:
 * FORCE_COLOR (any value but 0 or false) turns it on, also into a pipe, and wins over NO_COLOR, as
 * in Node itself; NO_COLOR (any non-empty value) or TERM=dumb turns it off; otherwise colour only on
 * a terminal.
 */
export function colorFor(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv = process.env): boolean {
  const force = env.FORCE_COLOR;
  if (force !== undefined) return !['0', 'false'].includes(force.toLowerCase());
  if (env.NO_COLOR) return false;
  if (env.TERM === 'dumb') return false;
  return stream.isTTY === true;
}

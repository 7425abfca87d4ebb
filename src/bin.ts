#!/usr/bin/env node
/**
 * The `auditready` executable (dist/cli.js). It answers `--version`, `--help` and a bare
 * `auditready` (the help, on stderr) itself, as commander would, without loading the CLI's commands,
 * collectors and engine (dist/main.js, src/cli.ts); anything else runs there. The help was recorded
 * from the real program when the CLI was built (src/cli-help.ts); without a build (tsc's output)
 * the full CLI answers it.
 */
import type { HelpShape } from './cli-help.js';
import { VERSION } from './version.js';

/** The full program's top-level help: scripts/bundle.mjs defines it; undefined outside the bundle. */
declare const AUDITREADY_HELP: HelpShape | undefined;
const shape = typeof AUDITREADY_HELP === 'undefined' ? undefined : AUDITREADY_HELP;

const args = process.argv.slice(2);
const only = args.length === 1 ? args[0] : undefined;
if (only === '--version' || only === '-V') {
  process.stdout.write(`${VERSION}\n`);
} else if (shape && (args.length === 0 || only === '--help' || only === '-h')) {
  // commander prints help for --help on stdout, and on stderr when no command is given (exit 0 both)
  const { helpWidthOf, renderHelp } = await import('./cli-help.js');
  const stream = args.length === 0 ? process.stderr : process.stdout;
  stream.write(renderHelp(shape, helpWidthOf(stream)));
} else {
  const { runCli } = await import('./cli.js');
  await runCli(process.argv);
}

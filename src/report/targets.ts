import type { Report } from './types.js';

/** The config's targets with where each is declared (a Config, or the copy an evidence bundle keeps). */
export interface TargetsDeclared {
  readonly file: string;
  readonly source: { locate(pointer: string): { readonly line: number } };
  readonly targets: readonly { readonly type: string; readonly name: string; readonly pointer: string }[];
}

/** Where each target is declared in the config (SARIF and JUnit anchor remote findings there). */
export function targetLocations(config: TargetsDeclared): NonNullable<Report['targets']> {
  return config.targets
    .map((t) => ({ tool: `${t.type}/${t.name}`, config_file: config.file, line: config.source.locate(t.pointer).line }))
    .sort((a, b) => (a.tool < b.tool ? -1 : a.tool > b.tool ? 1 : 0));
}

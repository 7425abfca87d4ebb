import type { Target } from '../config/types.js';
import { InputError } from '../errors.js';
import type { SourceDocument } from '../util/yaml-source.js';
import { factsCollector } from './facts/index.js';
import { githubCollector } from './github/index.js';
import { timeCollector } from './time/index.js';
import type { Collector } from './types.js';

/** Every collector, by name. A new tool is a new folder plus one line here. */
export const collectors = {
  facts: factsCollector,
  github: githubCollector,
  time: timeCollector,
} as const satisfies Record<string, Collector>;

export type CollectorName = keyof typeof collectors;

/** The collector for a target: the first that handles it, in registry order. */
export function collectorFor(target: Target, config: { file: string; source: SourceDocument }): Collector {
  for (const c of Object.values(collectors) as Collector[]) {
    if (c.handles(target)) return c;
  }
  const { line, col } = config.source.locate(target.pointer);
  throw new InputError(
    { file: config.file, line, col },
    `no collector reads ${target.type} targets yet; give the facts with "facts: FILE" (see schemas/facts.schema.json)`,
  );
}

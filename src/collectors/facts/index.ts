import { statSync } from 'node:fs';
import path from 'node:path';
import { InputError } from '../../errors.js';
import { consistencyProblems } from '../../model/consistency.js';
import { gapProblems } from '../../model/gaps.js';
import { TOOL_TYPES } from '../../model/tool-types.js';
import type { ExtendedFacts, Facts, Gap, Resource, ToolSnapshot } from '../../model/types.js';
import { sha256 } from '../../util/hash.js';
import { validateSource } from '../../util/schema.js';
import { readSourceFile, type SourceDocument } from '../../util/yaml-source.js';
import type { Collected, Collector } from '../types.js';

interface FactsFile extends Facts, ExtendedFacts {
  resources?: Resource[];
  model_version: '1';
  collected_at?: string;
  observed_from?: string;
  gaps?: Gap[];
}

/**
 * "Bring your own facts": reads a YAML/JSON file in the normalized model for a tool we do
 * not collect natively yet. The target gives type and name; the file gives the facts.
 */
export const factsCollector: Collector = {
  name: 'facts',
  description: 'Reads a facts file (YAML/JSON in the normalized model) for any tool type',
  types: '*',
  handles: (target) => target.facts !== undefined,
  async collect(ctx) {
    const { target } = ctx;
    const file = path.resolve(ctx.configDir, target.facts!);
    const display = path.relative(process.cwd(), file) || file;
    let src: SourceDocument;
    try {
      src = readSourceFile(file, display);
    } catch (e) {
      if (e instanceof InputError && e.position.line === undefined) {
        // Missing file: point at the config line that names it.
        const { line, col } = ctx.configSource.locate(`${target.pointer}/facts`);
        throw new InputError({ file: ctx.configFile, line, col }, `facts file ${display}: ${e.problem}`, { cause: e });
      }
      throw e;
    }
    if (src.value === null || typeof src.value !== 'object') {
      throw new InputError({ file: display, line: 1, col: 1 }, 'invalid facts: expected a mapping with model_version, identity, access, audit_log, time');
    }
    validateSource('facts', src, 'facts');
    const facts = src.value as FactsFile;
    const gaps = facts.gaps ?? [];
    const problem = [...gapProblems(facts, gaps), ...consistencyProblems(facts)][0];
    if (problem) {
      const { line, col } = src.locate(problem.pointer);
      throw new InputError({ file: display, line, col }, `invalid facts: ${problem.message}`);
    }
    const collectedAt = facts.collected_at ?? statSync(file).mtime.toISOString();
    const snapshot: ToolSnapshot = {
      id: `${target.type}/${target.name}`,
      type: target.type,
      category: TOOL_TYPES[target.type],
      name: target.name,
      source: {
        collector: 'facts',
        method: 'facts-file',
        location: display,
        collected_at: collectedAt,
        sha256: sha256(src.text),
        ...(facts.observed_from ? { details: { observed_from: facts.observed_from } } : {}),
      },
      identity: facts.identity,
      access: facts.access,
      audit_log: facts.audit_log,
      time: facts.time,
      ...(facts.pipeline ? { pipeline: facts.pipeline } : {}),
      ...(facts.integrations ? { integrations: facts.integrations } : {}),
      ...(facts.resources ? { resources: facts.resources } : {}),
      gaps,
    };
    return {
      snapshot,
      raw: [{ name: path.basename(file), mediaType: 'application/yaml', bytes: Buffer.from(src.text, 'utf8') }],
    } satisfies Collected;
  },
};

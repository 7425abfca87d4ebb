import path from 'node:path';
import { InputError, ToolInputError } from '../../errors.js';
import { consistencyProblems } from '../../model/consistency.js';
import { gapProblems } from '../../model/gaps.js';
import type { ExtendedFacts, Facts, Gap, Resource } from '../../model/types.js';
import { validateSource } from '../../util/schema.js';
import { readTextFile } from '../../util/read-file.js';
import { parseSource, type SourceDocument } from '../../util/yaml-source.js';
import { factsFromModel } from '../kit/snapshot.js';
import type { Collector } from '../types.js';
import { requireApproval } from './declared.js';

interface FactsFile extends Facts, ExtendedFacts {
  resources?: Resource[];
  model_version: '1';
  collected_at?: string;
  observed_from?: string;
  gaps?: Gap[];
}

const EXPECTED = 'a facts file in the normalized model (schemas/facts.schema.json)';

/** A facts file that does not read, parse or validate is a broken input of that one tool. */
function broken(e: unknown): never {
  if (e instanceof InputError) throw new ToolInputError(e.position, e.problem, { expected: EXPECTED, cause: e });
  throw e;
}

/**
 * "Bring your own facts": reads a YAML/JSON file in the normalized model for a tool we do
 * not collect natively yet. The target gives type and name; the file gives the facts.
 */
export const factsCollector: Collector<Record<string, never>> = {
  name: 'facts',
  types: '*',
  options: { type: 'object', additionalProperties: false, properties: {} },
  factsFile: {
    collect(ctx) {
      const { file } = ctx;
      let src: SourceDocument;
      // when the file was last changed, from the descriptor it was read through (the path may be gone by now)
      let modifiedAt: string;
      try {
        const read = readTextFile(file.path, { display: file.display });
        modifiedAt = read.modifiedAt;
        src = parseSource(read.text, file.display);
        if (src.value === null || typeof src.value !== 'object') {
          throw new InputError(
            { file: file.display, line: 1, col: 1 },
            'invalid facts: expected a mapping with model_version, identity, access, audit_log, time',
          );
        }
        validateSource('facts', src, 'facts');
      } catch (e) {
        return broken(e);
      }
      const facts = src.value as FactsFile;
      const gaps = facts.gaps ?? [];
      // Contradictions (admin_count vs admin_names, duplicate or blank names) are broken content too.
      const problem = [...gapProblems(facts, gaps), ...consistencyProblems(facts)][0];
      if (problem) {
        const { line, col } = src.locate(problem.pointer);
        throw new ToolInputError({ file: file.display, line, col }, `invalid facts: ${problem.message}`, { expected: EXPECTED });
      }
      return {
        // A declared not_applicable gap without justification and approver counts as not collected.
        facts: factsFromModel('facts', facts, gaps.map(requireApproval)),
        ...(facts.pipeline ? { pipeline: facts.pipeline } : {}),
        ...(facts.integrations ? { integrations: facts.integrations } : {}),
        ...(facts.resources ? { resources: facts.resources.map((r) => ({ ...r, gaps: r.gaps.map(requireApproval) })) } : {}),
        ...(facts.observed_from ? { details: { observed_from: facts.observed_from } } : {}),
        collectedAt: facts.collected_at ?? modifiedAt,
        location: file.display,
        captures: [{ name: path.basename(file.path), mediaType: 'application/yaml', bytes: Buffer.from(src.text, 'utf8') }],
      };
    },
  },
};

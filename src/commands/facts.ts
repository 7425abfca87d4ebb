import path from 'node:path';
import { Option, type Command } from 'commander';
import { loadProfile } from '../config/profile.js';
import { UsageError } from '../errors.js';
import { factsTemplate } from '../model/facts-template.js';
import { isToolType, TOOL_TYPES } from '../model/tool-types.js';
import { PILLARS } from '../model/types.js';
import { schemaRef } from '../util/schema-ref.js';
import { writeNewFile, writeOutput } from './output.js';
import { EXIT, type RegisterCommand } from './types.js';

interface TemplateFlags {
  name?: string;
  out?: string;
  force?: boolean;
  profile: string;
  notApplicable?: string;
  justification?: string;
  approver?: string;
}

function groupsOf(value: string): string[] {
  const groups = value.split(',').map((g) => g.trim());
  for (const g of groups) {
    if (!(PILLARS as readonly string[]).includes(g))
      throw new UsageError(`--not-applicable: unknown fact group "${g}"; expected some of: ${PILLARS.join(', ')}`);
  }
  return groups;
}

export const registerFacts: RegisterCommand = ({ program, setExit }) => {
  const facts = program.command('facts').description('facts files (bring your own facts)');
  facts
    .command('template')
    .description('print or write a facts file for a tool type: every fact null with its description and a "not filled in yet" gap')
    .argument('<type>', `tool type: ${Object.keys(TOOL_TYPES).join(', ')}`)
    .option('--name <name>', 'target name, for the heading')
    .option('-o, --out <file>', 'write to this file (never overwritten without --force); default stdout')
    .option('--force', 'replace an existing --out file')
    .option('--profile <name>', 'profile whose event-class names are suggested', 'baseline')
    .addOption(new Option('--not-applicable <groups>', `fact groups declared not applicable, comma-separated: ${PILLARS.join(', ')}`))
    .option('--justification <text>', 'why the --not-applicable groups do not apply (required with it)')
    .option('--approver <who>', 'who approved --not-applicable (required with it; the config should list them in approvers)')
    .action((type: string, opts: TemplateFlags, _command: Command) => {
      if (!isToolType(type)) throw new UsageError(`unknown tool type "${type}"; expected one of: ${Object.keys(TOOL_TYPES).join(', ')}`);
      if (opts.notApplicable && (!opts.justification || !opts.approver)) {
        throw new UsageError('--not-applicable needs --justification and --approver (a declared not-applicable fact without both counts as not collected)');
      }
      const text = factsTemplate(type, {
        now: new Date(),
        profile: loadProfile(opts.profile),
        schema: schemaRef('facts', opts.out ? path.dirname(opts.out) : process.cwd()),
        ...(opts.name ? { name: opts.name } : {}),
        ...(opts.notApplicable
          ? { notApplicable: { groups: groupsOf(opts.notApplicable), justification: opts.justification!, approver: opts.approver! } }
          : {}),
      });
      if (opts.out) writeNewFile(opts.out, text, Boolean(opts.force));
      else writeOutput(text, undefined);
      setExit(EXIT.ok);
    });
};

/**
 * A starter facts file for one tool type: every fact of the model (schemas/model.schema.json,
 * through modelFacts) null with its description as a comment, and one gap per fact saying it is
 * not filled in yet. It validates as a facts file as written, and every policy judging it is
 * unknown until the facts are filled in: nothing passes on a template.
 */
import type { Profile } from '../config/profile.js';
import { classNames, eventClassesByType, EVENT_CLASS_PARAMS, type EventClassParam, formatClasses } from './event-classes.js';
import { type ModelFact, modelFacts } from './fact-list.js';
import { TOOL_TYPES, type ToolType } from './tool-types.js';

export const TEMPLATE_GAP_DETAIL = 'not filled in yet (facts template)';

export interface FactsTemplateOptions {
  /** When the template is written (collected_at starts there; change it to when you observed the facts). */
  readonly now: Date;
  /** The profile whose event-class names are suggested (baseline). */
  readonly profile: Pick<Profile, 'name' | 'params'>;
  /** `$schema` for editors (path or URL of schemas/facts.schema.json), or none. */
  readonly schema?: string;
  /** The target's name, for the heading. */
  readonly name?: string;
  /** Fact groups (identity, access, audit_log, time) whose gaps are declared not applicable, with who approved it and why. */
  /** The facts to list (default: the model's, modelFacts()). */
  readonly facts?: readonly ModelFact[];
  readonly notApplicable?: { readonly groups: readonly string[]; readonly justification: string; readonly approver: string };
}

function comment(text: string, indent: string): string {
  return text ? `${indent}# ${text}\n` : '';
}

/** The facts template for a tool type, as commented YAML. */
export function factsTemplate(type: ToolType, options: FactsTemplateOptions): string {
  const facts = options.facts ?? modelFacts();
  const use = eventClassesByType(options.profile).get(type);
  const lines: string[] = [];
  if (options.schema) lines.push(`# yaml-language-server: $schema=${options.schema}`);
  lines.push(
    `# Facts of ${type}${options.name ? ` "${options.name}"` : ''} (${TOOL_TYPES[type]}), declared by the organization ("bring your own facts").`,
    '# Every fact starts unknown: null, with a gap below saying it is not filled in yet. For each fact you',
    '# know, write the value and delete its gap line. For one you cannot know, keep null and set the gap',
    '# reason: not_collected, permission_missing (+ permission), not_supported, or not_applicable',
    '# (+ justification and approver, else it counts as not collected). See README "Facts files".',
  );
  if (use) {
    lines.push(`# Event classes the ${options.profile.name} profile's policies use for ${type}:`);
    for (const [param, value] of Object.entries(use)) lines.push(`#   ${EVENT_CLASS_PARAMS[param as EventClassParam]}: ${formatClasses(value)}`);
  }
  lines.push(
    'model_version: "1"',
    `collected_at: "${options.now.toISOString().replace(/\.\d{3}Z$/, 'Z')}"   # when the facts were observed; a check warns when older than max_evidence_age_hours`,
    `observed_from: "${TEMPLATE_GAP_DETAIL}"   # where they were read: a console page, an export, a command`,
  );
  let group = '';
  let sub = '';
  for (const fact of facts) {
    const [g, ...rest] = fact.path.split('.');
    if (g !== group) {
      group = g!;
      sub = '';
      lines.push(`${group}:`);
    }
    let indent = '  ';
    if (rest.length === 2) {
      if (rest[0] !== sub) {
        sub = rest[0]!;
        lines.push(`  ${sub}:`);
      }
      indent = '    ';
    }
    let description = fact.description;
    if (fact.path === 'audit_log.event_classes' && use) description += `; for ${type}: ${classNames(use).join(', ')}`;
    lines.push(`${comment(description, indent)}${indent}${rest[rest.length - 1]}: null`.replace(/\n$/, ''));
  }
  lines.push('gaps:');
  const na = options.notApplicable;
  for (const fact of facts) {
    if (na?.groups.includes(fact.path.split('.')[0]!)) {
      lines.push(
        `  - { fact: ${fact.path}, reason: not_applicable, detail: ${JSON.stringify(`declared not applicable to ${type}`)}, justification: ${JSON.stringify(na.justification)}, approver: ${JSON.stringify(na.approver)} }`,
      );
    } else lines.push(`  - { fact: ${fact.path}, reason: not_collected, detail: "${TEMPLATE_GAP_DETAIL}" }`);
  }
  return `${lines.join('\n')}\n`;
}

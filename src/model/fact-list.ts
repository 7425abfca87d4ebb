/**
 * The list of facts every tool snapshot must state, derived from ONE place: the required
 * properties of the fact groups in schemas/model.schema.json. Adding a fact to the schema (and
 * to `Facts` in types.ts) adds it here, and every collector built on the kit's facts builder
 * then refuses to build until it sets the new fact (a value, or null plus a gap); the facts
 * templates (`auditready facts template`) gain it too.
 */
import { readFileSync } from 'node:fs';
import { fromRoot } from '../util/paths.js';
import { PILLARS } from './types.js';

interface SchemaNode {
  $ref?: string;
  type?: string | string[];
  required?: string[];
  description?: string;
  properties?: Record<string, SchemaNode>;
}

/** One fact of the model: its path and the schema's description of it (empty when it has none). */
export interface ModelFact {
  readonly path: string;
  readonly description: string;
}

let cached: readonly ModelFact[] | undefined;
let cachedOptional: readonly string[] | undefined;

/** Every required fact of schemas/model.schema.json with its description, in schema order. */
export function modelFacts(): readonly ModelFact[] {
  cached ??= Object.freeze(schemaFacts(JSON.parse(readFileSync(fromRoot('schemas', 'model.schema.json'), 'utf8'))));
  return cached;
}

/** The facts of a model schema (its fact groups' required properties); exported for tests. */
export function schemaFacts(schema: { $defs: Record<string, SchemaNode> }): ModelFact[] {
  const resolve = (node: SchemaNode): SchemaNode => (node.$ref ? resolve(schema.$defs[node.$ref.replace('#/$defs/', '')] ?? {}) : node);
  const out: ModelFact[] = [];
  const walk = (node: SchemaNode, prefix: string): void => {
    for (const key of node.required ?? []) {
      const declared = node.properties?.[key] ?? {};
      const child = resolve(declared);
      // A non-nullable object with required members (audit_log.fields) is a group of facts, not one fact.
      if (child.type === 'object' && child.required) walk(child, `${prefix}${key}.`);
      else out.push({ path: `${prefix}${key}`, description: declared.description ?? child.description ?? '' });
    }
  };
  for (const group of PILLARS) walk(resolve(schema.$defs[group] ?? {}), `${group}.`);
  return out;
}

/** Every required fact path, in schema order: identity.sso_provider, ..., audit_log.fields.actor, ... */
export function modelFactPaths(): readonly string[] {
  return modelFacts().map((f) => f.path);
}

/**
 * The optional facts of the fact groups (schema properties that are not required, e.g.
 * time.local_reference): a collector may state them (a value, or null plus a gap); a snapshot
 * without them leaves them absent, which policies read as unknown.
 */
export function modelOptionalFactPaths(): readonly string[] {
  if (cachedOptional) return cachedOptional;
  const schema = JSON.parse(readFileSync(fromRoot('schemas', 'model.schema.json'), 'utf8')) as { $defs: Record<string, SchemaNode> };
  const out: string[] = [];
  for (const group of PILLARS) {
    const node = schema.$defs[group] ?? {};
    for (const key of Object.keys(node.properties ?? {})) if (!(node.required ?? []).includes(key)) out.push(`${group}.${key}`);
  }
  cachedOptional = Object.freeze(out);
  return cachedOptional;
}

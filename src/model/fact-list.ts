/**
 * The list of facts every tool snapshot must state, derived from ONE place: the required
 * properties of the fact groups in schemas/model.schema.json. Adding a fact to the schema (and
 * to `Facts` in types.ts) adds it here, and every collector built on the kit's facts builder
 * then refuses to build until it sets the new fact (a value, or null plus a gap).
 */
import { readFileSync } from 'node:fs';
import { fromRoot } from '../util/paths.js';
import { PILLARS } from './types.js';

interface SchemaNode {
  $ref?: string;
  type?: string | string[];
  required?: string[];
  properties?: Record<string, SchemaNode>;
}

let cached: readonly string[] | undefined;

/** Every required fact path, in schema order: identity.sso_provider, ..., audit_log.fields.actor, ... */
export function modelFactPaths(): readonly string[] {
  if (cached) return cached;
  const schema = JSON.parse(readFileSync(fromRoot('schemas', 'model.schema.json'), 'utf8')) as { $defs: Record<string, SchemaNode> };
  const resolve = (node: SchemaNode): SchemaNode => (node.$ref ? resolve(schema.$defs[node.$ref.replace('#/$defs/', '')] ?? {}) : node);
  const out: string[] = [];
  const walk = (node: SchemaNode, prefix: string): void => {
    for (const key of node.required ?? []) {
      const child = resolve(node.properties?.[key] ?? {});
      // A non-nullable object with required members (audit_log.fields) is a group of facts, not one fact.
      if (child.type === 'object' && child.required) walk(child, `${prefix}${key}.`);
      else out.push(`${prefix}${key}`);
    }
  };
  for (const group of PILLARS) walk(resolve(schema.$defs[group] ?? {}), `${group}.`);
  cached = Object.freeze(out);
  return cached;
}

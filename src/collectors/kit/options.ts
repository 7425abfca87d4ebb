/**
 * Options as JSON Schema: each collector declares the schema of its `options:`; the core validates
 * a target's options at config load (before anything is collected) with ajv and reports
 * `file:line:col` errors, adding the schema's `description` of the offending option as a hint.
 */
import type { ErrorObject, ValidateFunction } from 'ajv/dist/2020.js';
import { InputError, type Position } from '../../errors.js';
import { describeError, instance, primaryError } from '../../util/schema.js';
import type { SourceDocument } from '../../util/yaml-source.js';
import type { AnyCollector, JsonSchema } from '../types.js';

const compiled = new Map<string, ValidateFunction>();

function validatorFor(collector: AnyCollector): ValidateFunction {
  let v = compiled.get(collector.name);
  if (!v) {
    // The project's ajv instance (strict, formats): compiled once per collector.
    v = instance().compile(collector.options as object);
    compiled.set(collector.name, v);
  }
  return v;
}

interface OptionSchema {
  description?: string;
  properties?: Record<string, OptionSchema>;
}

/** The description of the option an error is about, if the schema has one. */
function hint(schema: OptionSchema, err: ErrorObject): string | undefined {
  // schemaPath "#/properties/org/pattern": the keyword's parent schema.
  let parent: OptionSchema | undefined = schema;
  for (const seg of err.schemaPath.split('/').slice(1, -1)) parent = (parent as Record<string, OptionSchema> | undefined)?.[decodeURIComponent(seg)];
  if (err.keyword === 'required') return parent?.properties?.[String(err.params.missingProperty)]?.description;
  if (err.keyword === 'additionalProperties') {
    const known = Object.keys(parent?.properties ?? {});
    return known.length ? `known options: ${known.join(', ')}` : 'this collector takes no options';
  }
  return parent?.description;
}

/** The schema every collector's options must at least satisfy: an object that rejects unknown keys. */
export function checkOptionsSchema(collector: AnyCollector): void {
  const s = collector.options as JsonSchema & { type?: unknown; additionalProperties?: unknown };
  if (s.type !== 'object' || s.additionalProperties !== false) {
    throw new Error(`collector ${collector.name}: its options schema must be {type: "object", additionalProperties: false, ...}`);
  }
}

/**
 * Validate one target's options against its collector's schema; throw an InputError at the
 * offending line of the config.
 */
export function validateOptions(
  collector: AnyCollector,
  target: { type: string; name: string; pointer: string; options?: unknown },
  config: { file: string; source: SourceDocument },
): void {
  const v = validatorFor(collector);
  if (v(target.options ?? {})) return;
  const err = primaryError(v.errors ?? []);
  // An unknown option points at its own key.
  const key = err.keyword === 'additionalProperties' ? String(err.params.additionalProperty) : undefined;
  const base = target.options === undefined ? target.pointer : `${target.pointer}/options`;
  const { line, col } = config.source.locate(`${base}${err.instancePath}`, key);
  const where: Position = { file: config.file, line, col };
  const text = describeError(err).replace(/^\(top level\): /, '');
  const h = hint(collector.options as OptionSchema, err);
  throw new InputError(where, `${target.type} target ${target.name}: invalid options: ${text}${h ? ` (${h})` : ''}`);
}

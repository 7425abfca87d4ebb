import type { ErrorObject, ValidateFunction } from 'ajv';
import * as compiled from '../generated/validators.js';
import { InputError } from '../errors.js';
import type { SourceDocument } from './yaml-source.js';

const SCHEMA_FILES = ['model', 'facts', 'config', 'report', 'catalog', 'profile', 'framework', 'manifest'] as const;
export type SchemaName = (typeof SCHEMA_FILES)[number];

/**
 * The validator of a schema, compiled at build time from schemas/ (scripts/build-validators.mjs,
 * ajv standalone with allErrors, strict, allowUnionTypes and ajv-formats): nothing is compiled
 * when the CLI runs.
 */
export function validator(name: SchemaName): ValidateFunction {
  return (compiled as unknown as Record<SchemaName, ValidateFunction>)[name];
}

/**
 * The validator of a collector's options schema, compiled at build time like the others
 * (scripts/build-validators.mjs reads every collector of the registry). `schema` is the schema the
 * collector declares now: a validator compiled from another one means a stale build, an error.
 */
export function optionsValidator(collector: string, schema: object): ValidateFunction {
  const generated = compiled as unknown as Record<string, ValidateFunction | undefined> & { optionSchemaSources: Record<string, string> };
  const v = generated[`options_${collector}`];
  if (!v || generated.optionSchemaSources[collector] !== JSON.stringify(schema)) {
    throw new Error(`the options validator of collector ${collector} is missing or was built from another schema: run npm run build`);
  }
  return v;
}

/**
 * Human wording for one ajv error, naming the JSON path with dots. `skip` drops leading path
 * segments (e.g. 2 for /tools/0 when the message is about that one item).
 */
export function describeError(e: ErrorObject, skip = 0): string {
  const path = e.instancePath
    .split('/')
    .slice(1 + skip)
    .join('.');
  const where = path || '(top level)';
  switch (e.keyword) {
    case 'required':
      return `${where}: missing required property "${String(e.params.missingProperty)}"`;
    case 'additionalProperties':
      return `${where}: unexpected property "${String(e.params.additionalProperty)}"`;
    case 'unevaluatedProperties':
      return `${where}: unexpected property "${String(e.params.unevaluatedProperty)}"`;
    case 'enum':
      return `${where}: must be one of ${(e.params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`;
    case 'const':
      return `${where}: must be ${JSON.stringify(e.params.allowedValue)}`;
    case 'pattern':
      // "\S": a name that must not be blank (a waiver's approver, a trusted key's name).
      return e.params.pattern === '\\S' ? `${where}: must not be blank` : `${where}: ${e.message ?? e.keyword}`;
    default:
      return `${where}: ${e.message ?? e.keyword}`;
  }
}

/**
 * Pick the error a person should see first: the deepest path, preferring concrete keywords
 * over the oneOf/anyOf summaries ajv adds on top of them.
 */
export function primaryError(errors: readonly ErrorObject[]): ErrorObject {
  const concrete = errors.filter((e) => e.keyword !== 'oneOf' && e.keyword !== 'anyOf' && e.keyword !== 'if');
  const pool = concrete.length > 0 ? concrete : errors;
  // Within a oneOf of [null, array], "must be null" is noise when the array branch has a deeper error.
  const sorted = [...pool].sort((a, b) => depth(b) - depth(a) || rank(a) - rank(b));
  return sorted[0]!;
}

function depth(e: ErrorObject): number {
  const base = e.instancePath.split('/').length;
  return e.keyword === 'additionalProperties' || e.keyword === 'required' ? base + 1 : base;
}

function rank(e: ErrorObject): number {
  return e.keyword === 'type' ? 1 : 0;
}

/** Validate a parsed user file; on failure throw an InputError at the offending line. */
export function validateSource(name: SchemaName, src: SourceDocument, what: string): void {
  const v = validator(name);
  if (v(src.value)) return;
  const err = primaryError(v.errors ?? []);
  const key =
    err.keyword === 'additionalProperties'
      ? String(err.params.additionalProperty)
      : err.keyword === 'unevaluatedProperties'
        ? String(err.params.unevaluatedProperty)
        : undefined;
  const { line, col } = src.locate(err.instancePath, key);
  throw new InputError({ file: src.file, line, col }, `invalid ${what}: ${describeError(err)}`);
}

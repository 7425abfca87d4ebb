import { readFileSync } from 'node:fs';
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { InputError } from '../errors.js';
import { fromRoot } from './paths.js';
import type { SourceDocument } from './yaml-source.js';

// ajv-formats is CJS with a default export.
const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => Ajv2020;

const SCHEMA_FILES = ['model', 'facts', 'config', 'report', 'catalog', 'profile', 'framework'] as const;
export type SchemaName = (typeof SCHEMA_FILES)[number];

let ajv: Ajv2020 | undefined;

/** The one ajv instance (strict, all formats) with the project's schemas registered. */
export function instance(): Ajv2020 {
  if (!ajv) {
    ajv = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true });
    addFormats(ajv);
    for (const name of SCHEMA_FILES) {
      ajv.addSchema(JSON.parse(readFileSync(schemaPath(name), 'utf8')) as object);
    }
  }
  return ajv;
}

export function schemaPath(name: SchemaName): string {
  return fromRoot('schemas', `${name}.schema.json`);
}

export function validator(name: SchemaName): ValidateFunction {
  const v = instance().getSchema(`https://auditready.dev/schemas/${name}.schema.json`);
  if (!v) throw new Error(`schema ${name} not registered`);
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

/**
 * A broken input of one log store (a value the store itself would refuse, an answer that is not
 * the documented shape): the kit's ToolInputError, so that tool becomes unknown with the reason and
 * the others are still reported. Built from a FactSource: a file position (the JSON pointer goes
 * into the problem) or an endpoint.
 */
import { ToolInputError, type ToolInputLocation } from '../../errors.js';
import type { FactSource } from './retention.js';

/** Where: a FactSource, with the HTTP status of the answer when the problem is at an endpoint. */
export type ErrorSource = FactSource & { readonly status?: number | undefined };

function location(where: ErrorSource): ToolInputLocation {
  if (where.file !== undefined) {
    return { file: where.file, ...(where.line !== undefined ? { line: where.line } : {}), ...(where.column !== undefined ? { col: where.column } : {}) };
  }
  return { endpoint: where.endpoint ?? '(unknown)', ...(where.status !== undefined ? { status: where.status } : {}) };
}

export function storeInputError(where: ErrorSource, problem: string, expected: string, cause?: unknown): ToolInputError {
  return new ToolInputError(location(where), problem, { expected, ...(cause !== undefined ? { cause } : {}) });
}

export function inputError(where: ErrorSource, problem: string, expected: string): never {
  throw storeInputError(where, problem, expected);
}

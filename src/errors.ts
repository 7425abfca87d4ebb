/**
 * Typed errors. Every user-facing error says where (file:line:col or component) and what,
 * keeps its cause, and maps to an exit code. Anything that is not an AuditreadyError is a bug.
 */

export interface Position {
  readonly file: string;
  readonly line?: number;
  readonly col?: number;
}

function formatPosition(pos: Position): string {
  let s = pos.file;
  if (pos.line !== undefined) s += `:${pos.line}`;
  if (pos.line !== undefined && pos.col !== undefined) s += `:${pos.col}`;
  return s;
}

/**
 * Marks auditready's errors across bundles: the terminal UI is its own bundle (dist/tui.js) with
 * its own copy of these classes, so `instanceof` alone would miss the errors it throws.
 */
const AUDITREADY_ERROR = Symbol.for('auditready.error');

export abstract class AuditreadyError extends Error {
  abstract readonly exitCode: number;
  readonly [AUDITREADY_ERROR] = true;
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** An error that stops the run without a report of findings: exit 2. */
abstract class RunStoppingError extends AuditreadyError {
  readonly exitCode = 2;
}

/** Wrong command-line usage. */
export class UsageError extends RunStoppingError {
  override readonly name = 'UsageError';
}

/** A user-supplied file (config, facts) is missing, unreadable or invalid. */
export class InputError extends RunStoppingError {
  override readonly name = 'InputError';
  readonly position: Position;
  readonly problem: string;
  constructor(position: Position, problem: string, options?: { cause?: unknown }) {
    super(`${formatPosition(position)}: ${problem}`, options);
    this.position = position;
    this.problem = problem;
  }
}

/**
 * Where one tool's input was read: a file position, an API endpoint ("GET https://host/path") and
 * the HTTP status it answered, or a command the collector ran and its exit status.
 */
export type ToolInputLocation = Position | { readonly endpoint: string; readonly status?: number } | { readonly command: string; readonly exitStatus?: number };

export function formatToolInputLocation(where: ToolInputLocation): string {
  if ('endpoint' in where) return where.endpoint;
  if ('command' in where) return `\`${where.command}\``;
  return formatPosition(where);
}

/**
 * The input of ONE tool could not be read or parsed (invalid YAML, an unexpected shape, an
 * unreachable API, 401/403/5xx after retries). Not a stop: the run reports that tool's facts
 * as unknown with this message, still collects and reports the other tools, and gates (exit 1).
 * Collectors throw it; `collectAll` turns it into an unknown snapshot and a report-level
 * collection error. `expected` says what the input should have been.
 */
export class ToolInputError extends AuditreadyError {
  override readonly name = 'ToolInputError';
  readonly exitCode = 1;
  readonly where: ToolInputLocation;
  readonly problem: string;
  readonly expected: string | undefined;
  constructor(where: ToolInputLocation, problem: string, options?: { expected?: string; cause?: unknown }) {
    super(`${formatToolInputLocation(where)}: ${problem}${options?.expected ? `; expected ${options.expected}` : ''}`, options);
    this.where = where;
    this.problem = problem;
    this.expected = options?.expected;
  }
}

/** A collector failed or produced a document that breaks the model schema (a bug in the collector). */
export class CollectorError extends RunStoppingError {
  override readonly name = 'CollectorError';
  readonly collector: string;
  constructor(collector: string, message: string, options?: { cause?: unknown }) {
    super(`collector ${collector}: ${message}`, options);
    this.collector = collector;
  }
}

/** The policy bundle is missing, invalid, or evaluation failed. */
export class EngineError extends RunStoppingError {
  override readonly name = 'EngineError';
}

/** The OPA CLI is missing or broken, or a policy failed to build. */
export class ToolchainError extends RunStoppingError {
  override readonly name = 'ToolchainError';
}

export function isAuditreadyError(e: unknown): e is AuditreadyError {
  return e instanceof AuditreadyError || (typeof e === 'object' && e !== null && (e as { [AUDITREADY_ERROR]?: unknown })[AUDITREADY_ERROR] === true);
}

/** opa-wasm throws strings and plain objects; turn anything thrown into a message. */
export function describeThrown(e: unknown): string {
  if (e instanceof Error) return e.message;
  if (typeof e === 'string') return e;
  if (e && typeof e === 'object' && 'message' in e && typeof (e as { message: unknown }).message === 'string') {
    return (e as { message: string }).message;
  }
  try {
    return JSON.stringify(e);
  } catch {
    return String(e);
  }
}

/**
 * GitHub's errors as the collector sees them: the GraphQL error items of a partial response
 * (each becomes the gap of the facts it cost), and the problems that stop a whole collection.
 */
import { type Missing, missing } from '../kit/result.js';

/** One entry of a GraphQL response's `errors` (GitHub adds `type`: NOT_FOUND, FORBIDDEN, INSUFFICIENT_SCOPES, ...). */
export interface GraphqlErrorItem {
  readonly type?: string;
  readonly message: string;
  readonly path?: readonly (string | number)[];
}

/** A problem that stops the whole collection (bad token, unknown organization or enterprise, HTTP failure). */
export class GithubFatal extends Error {
  override readonly name = 'GithubFatal';
  /** Where it failed when that is not the GraphQL endpoint (a GitHub App's token exchange), with the status GitHub answered. */
  readonly where: { readonly endpoint: string; readonly status?: number } | undefined;
  constructor(
    message: string,
    readonly kind: 'auth' | 'org' | 'enterprise' | 'http',
    options?: { cause?: unknown; where?: { endpoint: string; status?: number } },
  ) {
    super(message, options);
    this.where = options?.where;
  }
}

/**
 * The GithubFatal anywhere in an error's cause chain (the outermost), or undefined. A GitHub App's
 * refused token renewal can sit under transport errors (@octokit's RequestError, an HttpError):
 * it says best what stopped the collection, so it is looked for before any HTTP error.
 */
export function fatalIn(e: unknown): GithubFatal | undefined {
  return inCauses(e, (c) => (c instanceof GithubFatal ? c : undefined));
}

/**
 * The first thing `pick` finds walking an error and its causes, outermost first (at most 32 deep,
 * so a cause chain that loops ends).
 */
export function inCauses<T>(e: unknown, pick: (c: unknown) => T | undefined): T | undefined {
  for (let c: unknown = e, depth = 0; c && depth < 32; c = (c as { cause?: unknown }).cause, depth++) {
    const found = pick(c);
    if (found !== undefined) return found;
  }
  return undefined;
}

/** Scopes named in a GitHub INSUFFICIENT_SCOPES message: "... requires one of the following scopes: ['read:org'] ...". */
function scopesFromMessage(message: string): string | undefined {
  const m = /following scopes: \[([^\]]*)\]/.exec(message);
  if (!m) return undefined;
  const scopes = m[1]!
    .split(',')
    .map((s) => s.trim().replace(/^['"]|['"]$/g, ''))
    .filter(Boolean);
  return scopes.length > 0 ? scopes.join(' or ') : undefined;
}

/** The gap for a GraphQL error on a field. */
export function fromGraphqlError(e: GraphqlErrorItem, permission: string): Missing {
  const scopes = scopesFromMessage(e.message);
  if (e.type === 'INSUFFICIENT_SCOPES') return missing('permission_missing', `GitHub: ${e.message}`, scopes ?? permission);
  if (e.type === 'FORBIDDEN') return missing('permission_missing', `GitHub: ${e.message}`, permission);
  return missing('error', `GitHub${e.type ? ` ${e.type}` : ''}: ${e.message}`);
}

/** Why a GraphQL answer lacks what was asked: its first error, else `otherwise`. */
export function firstErrorOr(errors: readonly GraphqlErrorItem[], permission: string, otherwise: Missing): Missing {
  const first = errors[0];
  return first ? fromGraphqlError(first, permission) : otherwise;
}

/** Whether an error's path starts with `prefix` (the error concerns that field or something under it). */
export function isUnder(e: GraphqlErrorItem, prefix: readonly (string | number)[]): boolean {
  const path = e.path;
  if (!path || path.length < prefix.length) return false;
  return prefix.every((p, i) => path[i] === p);
}

/** The first error at or under `prefix`. */
export function errorUnder(errors: readonly GraphqlErrorItem[], prefix: readonly (string | number)[]): GraphqlErrorItem | undefined {
  return errors.find((e) => isUnder(e, prefix));
}

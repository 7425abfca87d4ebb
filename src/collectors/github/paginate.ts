/**
 * The one GraphQL pagination loop: every connection the collector reads (members, repositories,
 * a repository's collaborators and deploy keys, enterprise owners, the enterprise's organizations
 * by SAML state) goes through `paginate`, 100 nodes a page.
 */
import { type Outcome, failed, ok } from '../kit/result.js';
import { type GithubClient, PAGE } from './client.js';
import { GithubFatal, type GraphqlErrorItem, firstErrorOr } from './errors.js';
import type { Connection, RateLimitResponse } from './responses.js';

export interface Paging<T extends RateLimitResponse, C extends Connection> {
  /** The query; it takes $first and $after besides `variables`. */
  readonly doc: string;
  readonly variables: Readonly<Record<string, unknown>>;
  /** The connection in a page's data; null or undefined when GitHub did not return it. */
  readonly connection: (data: T | undefined) => C | null | undefined;
  /** The scope a missing connection is blamed on when GitHub sent an error. */
  readonly permission: string;
  /** What to say when the connection is missing without an error. */
  readonly absent: string;
  /** Start after this cursor (the pages after the first of a nested connection). */
  readonly after?: string | null;
  /** When a page keeps failing (HTTP errors after every retry), ask again with half the page size, down to this. */
  readonly shrinkTo?: number;
  readonly onShrink?: (e: GithubFatal, first: number) => void;
}

/** A page handler stops the paging by returning 'stop' (it found what it looked for). */
export type PageHandler<C> = (connection: C, errors: readonly GraphqlErrorItem[]) => 'stop' | undefined;

/**
 * Every page of a connection, in order, each handed to `onPage`. The result is ok when the last
 * page (or the one `onPage` stopped at) was read, else why a page came back without the connection.
 */
export async function paginate<T extends RateLimitResponse, C extends Connection>(
  client: GithubClient,
  paging: Paging<T, C>,
  onPage: PageHandler<C>,
): Promise<Outcome<true>> {
  let after = paging.after ?? null;
  let first = PAGE;
  for (;;) {
    let page: { data: T | undefined; errors: readonly GraphqlErrorItem[] };
    try {
      page = await client.query<T>(paging.doc, { ...paging.variables, first, after });
    } catch (e) {
      if (paging.shrinkTo === undefined || !(e instanceof GithubFatal) || e.kind !== 'http' || first <= paging.shrinkTo) throw e;
      first = Math.max(paging.shrinkTo, Math.floor(first / 2));
      paging.onShrink?.(e, first);
      continue;
    }
    const connection = paging.connection(page.data);
    if (!connection) return firstErrorOr(page.errors, paging.permission, failed(paging.absent));
    if (onPage(connection, page.errors) === 'stop') return ok(true);
    if (!connection.pageInfo.hasNextPage || !connection.pageInfo.endCursor) return ok(true);
    after = connection.pageInfo.endCursor;
  }
}

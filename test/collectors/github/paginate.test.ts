import { describe, expect, it } from 'vitest';
import type { GithubClient } from '../../../src/collectors/github/client.js';
import { GithubFatal, type GraphqlErrorItem } from '../../../src/collectors/github/errors.js';
import { paginate } from '../../../src/collectors/github/paginate.js';
import type { RateLimitResponse } from '../../../src/collectors/github/responses.js';

type List = { pageInfo: { hasNextPage: boolean; endCursor: string | null }; nodes: number[] };
type Page = RateLimitResponse & { list: List | null };

/** A client whose query answers from `answer(variables)`; it records the variables of every call. */
function fakeClient(answer: (v: Record<string, unknown>) => { data?: Page; errors?: GraphqlErrorItem[] } | Error) {
  const calls: Record<string, unknown>[] = [];
  const client = {
    query: async (_doc: string, variables: Record<string, unknown>) => {
      calls.push(variables);
      const a = answer(variables);
      if (a instanceof Error) throw a;
      return { data: a.data, errors: a.errors ?? [] };
    },
  } as unknown as GithubClient;
  return { client, calls };
}

const pageOf = (nodes: number[], next: string | null): Page => ({ list: { pageInfo: { hasNextPage: next !== null, endCursor: next }, nodes } });
const paging = { doc: 'query', variables: { login: 'acme' }, connection: (d: Page | undefined) => d?.list, permission: 'read:org', absent: 'no list' };

describe('paginate', () => {
  it('reads every page in order, passing the previous endCursor as $after', async () => {
    const pages: Record<string, Page> = { start: pageOf([1, 2], 'c1'), c1: pageOf([3], 'c2'), c2: pageOf([4], null) };
    const { client, calls } = fakeClient((v) => ({ data: pages[(v.after as string | null) ?? 'start'] }));
    const seen: number[] = [];
    const read = await paginate<Page, List>(client, paging, (c) => {
      seen.push(...c.nodes);
      return undefined;
    });
    expect(read).toEqual({ ok: true, value: true });
    expect(seen).toEqual([1, 2, 3, 4]);
    expect(calls.map((c) => c.after)).toEqual([null, 'c1', 'c2']);
    expect(calls[0]).toEqual({ login: 'acme', first: 100, after: null });
  });

  it('stops where the handler says, and starts after a given cursor', async () => {
    const { client, calls } = fakeClient(() => ({ data: pageOf([1], 'again') }));
    expect((await paginate<Page, List>(client, { ...paging, after: 'x' }, () => 'stop')).ok).toBe(true);
    expect(calls).toEqual([{ login: 'acme', first: 100, after: 'x' }]);
  });

  it('a page without the connection is the first error as a gap, else the absent text', async () => {
    const err = { type: 'INSUFFICIENT_SCOPES', message: "requires one of the following scopes: ['read:org']" };
    expect(await paginate<Page, List>(fakeClient(() => ({ data: { list: null }, errors: [err] })).client, paging, () => undefined)).toMatchObject({
      ok: false,
      reason: 'permission_missing',
      permission: 'read:org',
    });
    expect(await paginate<Page, List>(fakeClient(() => ({ data: undefined })).client, paging, () => undefined)).toMatchObject({
      ok: false,
      reason: 'error',
      detail: 'no list',
    });
  });

  it('halves the page size on HTTP failures down to shrinkTo, then gives up with the error', async () => {
    const fail = new GithubFatal('POST /graphql: HTTP 502 after 3 retries', 'http');
    const { client, calls } = fakeClient((v) => ((v.first as number) > 25 ? fail : { data: pageOf([1], null) }));
    const shrinks: number[] = [];
    expect((await paginate<Page, List>(client, { ...paging, shrinkTo: 25, onShrink: (_e, n) => shrinks.push(n) }, () => undefined)).ok).toBe(true);
    expect(calls.map((c) => c.first)).toEqual([100, 50, 25]);
    expect(shrinks).toEqual([50, 25]);
    await expect(paginate<Page, List>(fakeClient(() => fail).client, paging, () => undefined)).rejects.toBe(fail);
  });
});

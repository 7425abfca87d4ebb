/**
 * Repositories, 100 a page with the first page of their collaborators and deploy keys; the pages
 * after the first of those nested connections are read beside the repository pages. A repository
 * page that keeps failing (GitHub's heaviest query here) is asked for again in smaller pages.
 */
import { type Missing, type Outcome, failed, ok, permissionMissing, notApplicable } from '../kit/result.js';
import { type GithubClient, PAGE } from './client.js';
import { type GraphqlErrorItem, fromGraphqlError, isUnder } from './errors.js';
import { paginate } from './paginate.js';
import { QUERIES } from './queries.js';
import type { RawCollaborator, RawDeployKey, RawProtection, RawPullRequestRule, RawRepo, RawRuleOrigin } from './raw.js';
import type {
  AllowanceActor,
  BranchProtection,
  BranchRule,
  CollaboratorPage,
  Connection,
  RateLimitResponse,
  DeployKeyPage,
  RepoCollaboratorsResponse,
  RepoDeployKeysResponse,
  RepoNode,
  ReposResponse,
} from './responses.js';

const MIN_REPO_PAGE = 25;
const NOT_YET = failed('not read');
const PUSH = 'repo (push access to the repository)';
const REPO_ADMIN = 'repository admin (repo scope)';

type RepoPage = NonNullable<ReposResponse['organization']>['repositories'];

export async function fetchRepositories(client: GithubClient): Promise<Outcome<RawRepo[]>> {
  const out: RawRepo[] = [];
  const followUps: Promise<void>[] = [];
  let seen = 0;
  // However this returns or throws, the follow-up pages already started are waited for: none
  // may reject later, unhandled, once the collection has moved on.
  try {
    const read = await paginate<ReposResponse, RepoPage>(
      client,
      {
        doc: QUERIES.repos,
        variables: { login: client.settings.org, nested: PAGE },
        connection: (data) => data?.organization?.repositories,
        permission: 'repo',
        absent: 'GitHub returned no repositories',
        shrinkTo: MIN_REPO_PAGE,
        onShrink: (e, first) => client.progress(`${client.label}: repository page failed (${e.message}); retrying with pages of ${first}`),
      },
      (page, errors) => {
        (page.nodes ?? []).forEach((node, i) => {
          seen++;
          const errs = errors.filter((e) => isUnder(e, ['organization', 'repositories', 'nodes', i]));
          if (!node) {
            // An error on a non-null field nulls the whole node: keep the repository as unknown, never drop it.
            const why = errs[0] ? fromGraphqlError(errs[0], 'repo') : failed(`GitHub returned repository ${seen} of ${page.totalCount} as null`);
            out.push(unreadableRepo(`${client.settings.org}/unreadable-repository-${seen}`, why));
            return;
          }
          const repo = toRepo(node, errs);
          out.push(repo);
          followUps.push(...laterPages(client, repo, node));
        });
        client.tell(`${out.length}/${page.totalCount} repositories`);
        return undefined;
      },
    );
    if (!read.ok) return read;
    await Promise.all(followUps);
    return ok(out);
  } finally {
    await Promise.allSettled(followUps);
  }
}

/** The items of a page, or undefined when GitHub returned one as null: the list is then unknown, never shorter. */
function everyItem<T, R>(items: readonly (T | null)[] | null, f: (item: T) => R): R[] | undefined {
  const list = items ?? [];
  return list.every((x) => x !== null) ? list.map((x) => f(x as T)) : undefined;
}

const collaboratorsOf = (page: CollaboratorPage) => everyItem(page.edges, (e): RawCollaborator => ({ login: e.node.login, permission: e.permission }));
const deployKeysOf = (page: DeployKeyPage) => everyItem(page.nodes, (k): RawDeployKey => ({ title: k.title, readOnly: k.readOnly }));

const LATER_COLLABORATORS: NestedConnection<RepoCollaboratorsResponse, CollaboratorPage, RawCollaborator> = {
  doc: QUERIES.repoCollaborators,
  connection: (data) => data?.node?.collaborators,
  items: collaboratorsOf,
  permission: PUSH,
  what: 'collaborators',
};

const LATER_DEPLOY_KEYS: NestedConnection<RepoDeployKeysResponse, DeployKeyPage, RawDeployKey> = {
  doc: QUERIES.repoDeployKeys,
  connection: (data) => data?.node?.deployKeys,
  items: deployKeysOf,
  permission: 'repository admin',
  what: 'deploy keys',
};

/** The pages after the first of a repository's collaborators and deploy keys. */
function laterPages(client: GithubClient, repo: RawRepo, node: RepoNode): Promise<void>[] {
  const jobs: Promise<void>[] = [];
  const { collaborators, deployKeys } = repo;
  if (collaborators.ok && node.collaborators?.pageInfo.hasNextPage) {
    const after = node.collaborators.pageInfo.endCursor;
    jobs.push(
      nested(client, repo, collaborators.value, after, LATER_COLLABORATORS).then((o) => {
        repo.collaborators = o;
      }),
    );
  }
  if (deployKeys.ok && node.deployKeys?.pageInfo.hasNextPage) {
    const after = node.deployKeys.pageInfo.endCursor;
    jobs.push(
      nested(client, repo, deployKeys.value, after, LATER_DEPLOY_KEYS).then((o) => {
        repo.deployKeys = o;
      }),
    );
  }
  return jobs;
}

interface NestedConnection<T extends RateLimitResponse, P extends Connection, R> {
  doc: string;
  connection: (data: T | undefined) => P | null | undefined;
  items: (page: P) => R[] | undefined;
  permission: string;
  what: string;
}

/** Reads a nested connection of one repository from `after` to its end, appending to what the first page gave. */
async function nested<T extends RateLimitResponse, P extends Connection, R>(
  client: GithubClient,
  repo: RawRepo,
  firstPage: readonly R[],
  after: string | null,
  c: NestedConnection<T, P, R>,
): Promise<Outcome<R[]>> {
  const list = [...firstPage];
  let broken: Missing | undefined;
  const read = await paginate<T, P>(
    client,
    {
      doc: c.doc,
      variables: { id: repo.id },
      after,
      connection: c.connection,
      permission: c.permission,
      absent: `${repo.nameWithOwner} disappeared while its ${c.what} were read`,
    },
    (page) => {
      const items = c.items(page);
      if (!items) {
        broken = failed(`${repo.nameWithOwner}: GitHub returned one of its ${c.what} as null`);
        return 'stop';
      }
      list.push(...items);
      return undefined;
    },
  );
  return broken ?? (read.ok ? ok(list) : read);
}

/** A repository GitHub returned as null (or a placeholder for a list that could not be read): every fact is the error. */
export function unreadableRepo(name: string, why: Missing): RawRepo {
  const o: Missing = { ...why, detail: `${name}: ${why.detail}` };
  return {
    id: '',
    nameWithOwner: name,
    isArchived: null,
    isDisabled: false,
    visibility: null,
    viewerPermission: null,
    defaultBranch: null,
    unreadable: o,
    protection: o,
    rulesetRules: o,
    rulesetIds: [],
    ruleOrigins: [],
    pullRequestRules: [],
    collaborators: o,
    deployKeys: o,
    hooks: o,
    workflow: o,
  };
}

/** A repository node from a page, with the errors GitHub reported under it. */
function toRepo(node: RepoNode, errs: readonly GraphqlErrorItem[]): RawRepo {
  const name = String(node.nameWithOwner);
  /** The error on a field of this node (path organization.repositories.nodes.<i>.<field>). */
  const err = (field: keyof RepoNode) => errs.find((e) => e.path && e.path[4] === field);
  const branch = node.defaultBranchRef;
  const admin = node.viewerPermission === 'ADMIN';
  const branchErr = err('defaultBranchRef');
  const protection: RawRepo['protection'] = branchErr
    ? fromGraphqlError(branchErr, 'repository admin')
    : !admin
      ? permissionMissing(`${name}: branch protection is visible to repository admins only`, REPO_ADMIN)
      : branch === null
        ? notApplicable(`${name} is empty: no default branch to protect`)
        : ok(branch.branchProtectionRule ? classicProtection(branch.branchProtectionRule) : null);
  const ruleNodes = branch?.rules?.nodes ?? [];
  const rulesetRules: RawRepo['rulesetRules'] = branchErr
    ? fromGraphqlError(branchErr, 'repository admin')
    : branch === null
      ? ok([])
      : branch.rules
        ? ok([...new Set(ruleNodes.flatMap((n) => (n ? [n.type] : [])))].sort())
        : permissionMissing(`${name}: rulesets of the default branch were not returned`, REPO_ADMIN);
  const pullRequestRules = ruleNodes.flatMap((n): RawPullRequestRule[] =>
    n?.type === 'PULL_REQUEST'
      ? [
          {
            ruleset: n.repositoryRuleset?.id ?? null,
            approvals: n.parameters?.requiredApprovingReviewCount ?? null,
            dismissStale: n.parameters?.dismissStaleReviewsOnPush ?? null,
            lastPush: n.parameters?.requireLastPushApproval ?? null,
            codeOwner: n.parameters?.requireCodeOwnerReview ?? null,
          },
        ]
      : [],
  );
  return {
    id: String(node.id),
    nameWithOwner: name,
    isArchived: node.isArchived === true,
    isDisabled: node.isDisabled === true,
    visibility: String(node.visibility),
    viewerPermission: node.viewerPermission ?? null,
    defaultBranch: branch?.name ?? null,
    protection,
    rulesetRules,
    rulesetIds: [...new Set(ruleNodes.flatMap((n) => (n?.repositoryRuleset ? [String(n.repositoryRuleset.id)] : [])))].sort(),
    ruleOrigins: ruleOrigins(ruleNodes),
    pullRequestRules,
    collaborators: firstPageOf(err('collaborators'), node.collaborators, collaboratorsOf, PUSH, {
      absent: permissionMissing(`${name}: collaborators are visible with push access only`, PUSH),
      nullItem: `${name}: GitHub returned one of its collaborators as null`,
    }),
    deployKeys:
      !admin && !err('deployKeys')
        ? permissionMissing(`${name}: deploy keys are visible to repository admins only`, REPO_ADMIN)
        : firstPageOf(err('deployKeys'), node.deployKeys, deployKeysOf, 'repository admin', {
            absent: failed(`${name}: GitHub returned no deployKeys (and no error)`),
            nullItem: `${name}: GitHub returned one of its deploy keys as null`,
          }),
    // Read over REST after the pages (repo-settings.ts); until then, not read.
    hooks: NOT_YET,
    workflow: NOT_YET,
  };
}

/** Each distinct (rule type, ruleset) pair of the default branch's rules, sorted. */
function ruleOrigins(nodes: readonly (BranchRule | null)[]): RawRuleOrigin[] {
  const pairs = new Map<string, RawRuleOrigin>();
  for (const n of nodes) {
    if (!n) continue;
    const origin = { type: n.type, ruleset: n.repositoryRuleset ? String(n.repositoryRuleset.id) : null };
    pairs.set(`${origin.type} ${origin.ruleset ?? ''}`, origin);
  }
  return [...pairs.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, o]) => o);
}

/** Who a bypass allowance names: user:<login>, team:<slug>, app:<slug>. */
function allowanceActor(actor: AllowanceActor): string {
  return actor.__typename === 'User' ? `user:${actor.login}` : `${actor.__typename.toLowerCase()}:${actor.slug}`;
}

/** Classic protection as read; its bypass allowances are unknown when GitHub holds more than one page of them. */
function classicProtection(p: BranchProtection): RawProtection {
  const allowances = p.bypassPullRequestAllowances;
  const listed = (allowances?.nodes ?? []).flatMap((n) => (n?.actor ? [allowanceActor(n.actor)] : []));
  return {
    isAdminEnforced: p.isAdminEnforced,
    requiresApprovingReviews: p.requiresApprovingReviews,
    requiredApprovingReviewCount: p.requiredApprovingReviewCount,
    requireLastPushApproval: p.requireLastPushApproval,
    dismissesStaleReviews: p.dismissesStaleReviews,
    allowsForcePushes: p.allowsForcePushes,
    allowsDeletions: p.allowsDeletions,
    restrictsReviewDismissals: p.restrictsReviewDismissals,
    restrictsPushes: p.restrictsPushes,
    requiresCodeOwnerReviews: p.requiresCodeOwnerReviews,
    bypassAllowances: !allowances
      ? failed('GitHub returned no bypassPullRequestAllowances')
      : listed.length < allowances.totalCount
        ? failed(`${allowances.totalCount} pull-request bypass allowances, ${listed.length} readable`)
        : ok(listed.sort()),
  };
}

/** The first page of a nested connection: the error on it, why it is absent, or its items. */
function firstPageOf<P, R>(
  error: GraphqlErrorItem | undefined,
  page: P | null,
  items: (page: P) => R[] | undefined,
  permission: string,
  why: { absent: Missing; nullItem: string },
): Outcome<R[]> {
  if (error) return fromGraphqlError(error, permission);
  if (!page) return why.absent;
  const list = items(page);
  return list ? ok(list) : failed(why.nullItem);
}

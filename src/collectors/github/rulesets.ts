/**
 * Enforcement and bypass actors of the rulesets whose rules apply to the default branches: asked once
 * per ruleset by id (nodes(ids:), 100 a call) after the repositories are read, because nested in
 * the repository pages the bypass actors would multiply their cost a hundredfold.
 */
import { type Outcome, failed, ok, permissionMissing } from '../kit/result.js';
import { type GithubClient, PAGE } from './client.js';
import { errorUnder, firstErrorOr, fromGraphqlError } from './errors.js';
import { QUERIES } from './queries.js';
import type { RawRepo, RawRuleset } from './raw.js';
import type { RulesetBypassActor, RulesetNode, RulesetsResponse } from './responses.js';

const ADMIN = 'repository admin (ruleset bypass actors)';

/** What a ruleset bypass actor is called in the model: organization admins, repository admins, team:<slug>, ... */
function rulesetActor(a: RulesetBypassActor): string {
  if (a.organizationAdmin) return 'organization admins';
  if (a.enterpriseOwner) return 'enterprise owners';
  if (a.deployKey) return 'deploy keys';
  if (a.repositoryRoleName) {
    const role = a.repositoryRoleName.toLowerCase();
    return role === 'admin' ? 'repository admins' : `repository role ${role}`;
  }
  if (a.actor) return `${a.actor.__typename.toLowerCase()}:${a.actor.slug}`;
  return 'an actor GitHub did not name';
}

function bypassOf(node: RulesetNode): Outcome<string[]> {
  const actors = node.bypassActors;
  if (!actors) return permissionMissing(`ruleset ${node.name}: GitHub returned no bypass actors`, ADMIN);
  const listed = (actors.nodes ?? []).flatMap((a) => (a ? [rulesetActor(a)] : []));
  if (listed.length < actors.totalCount) return failed(`ruleset ${node.name}: ${actors.totalCount} bypass actors, ${listed.length} readable`);
  return ok([...new Set(listed)].sort());
}

const isRuleset = (n: RulesetsResponse['nodes'][number]): n is RulesetNode => n !== null && 'id' in n;

export async function fetchRulesets(client: GithubClient, repos: Outcome<RawRepo[]>): Promise<Outcome<RawRuleset[]>> {
  if (!repos.ok) return ok([]);
  const ids = [...new Set(repos.value.flatMap((r) => r.rulesetIds))].sort();
  const out: RawRuleset[] = [];
  for (let i = 0; i < ids.length; i += PAGE) {
    const chunk = ids.slice(i, i + PAGE);
    const { data, errors } = await client.query<RulesetsResponse>(QUERIES.rulesets, { ids: chunk });
    if (!data?.nodes) return firstErrorOr(errors, ADMIN, failed('GitHub returned no rulesets'));
    chunk.forEach((id, j) => {
      const node = data.nodes[j] ?? null;
      const err = errorUnder(errors, ['nodes', j]);
      const enforcement = isRuleset(node) ? (node.enforcement ?? null) : null;
      if (err) out.push({ id, name: isRuleset(node) ? node.name : id, enforcement, bypass: fromGraphqlError(err, ADMIN) });
      else if (isRuleset(node)) out.push({ id, name: node.name, enforcement, bypass: bypassOf(node) });
      else out.push({ id, name: id, enforcement: null, bypass: failed(`ruleset ${id} was not returned`) });
    });
  }
  return ok(out);
}

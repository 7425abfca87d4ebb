/**
 * What only GitHub's REST API exposes: the organization's own settings (default repository
 * permission, 2FA requirement, repository creation), Actions workflow permissions, webhooks,
 * outside collaborators and whether the audit-log API answers.
 */
import { type Outcome, failed, ok } from '../kit/result.js';
import { type GithubClient, restMissing } from './client.js';
import { webhookOrigin } from '../kit/url.js';
import type { RawHook, RawWorkflow } from './raw.js';

/** What GitHub's REST API returns for a webhook (only the fields read). */
export interface RestHook {
  id: number;
  active: boolean;
  config?: { url?: string; insecure_ssl?: string | number; secret?: string } | null;
}

export function toRawHook(h: RestHook): RawHook {
  const c = h.config ?? {};
  return {
    id: h.id,
    active: h.active === true,
    url: webhookOrigin(c.url),
    insecure_ssl: c.insecure_ssl ?? null,
    secret_set: typeof c.secret === 'string' && c.secret.length > 0,
  };
}

const orgPath = (client: GithubClient, sub = '') => `/orgs/${encodeURIComponent(client.settings.org)}${sub}`;

/** GET /orgs/{org}: owner-only fields are absent for others. */
export async function fetchOrgSettings(client: GithubClient): Promise<Outcome<Record<string, unknown>>> {
  const r = await client.rest(orgPath(client));
  if (r.status !== 200 || !r.json || typeof r.json !== 'object') return restMissing(r, 'admin:org (organization owner)', `GET /orgs/${client.settings.org}`);
  return ok(r.json as Record<string, unknown>);
}

/** GET /orgs/{org}/actions/permissions/workflow; a 200 without both fields is an error, never a default. */
export function fetchWorkflow(client: GithubClient): Promise<Outcome<RawWorkflow>> {
  return readWorkflow(client, orgPath(client, '/actions/permissions/workflow'), 'admin:org');
}

/** A workflow-permissions answer (organization or repository), both fields or an error. */
export async function readWorkflow(client: GithubClient, path: string, permission: string): Promise<Outcome<RawWorkflow>> {
  const what = `GET ${path}`;
  const r = await client.rest(path);
  if (r.status !== 200) return restMissing(r, permission, what);
  const body = r.json as { default_workflow_permissions?: unknown; can_approve_pull_request_reviews?: unknown } | null;
  if (
    !body ||
    typeof body !== 'object' ||
    typeof body.can_approve_pull_request_reviews !== 'boolean' ||
    typeof body.default_workflow_permissions !== 'string'
  ) {
    return failed(`GitHub answered ${what} without default_workflow_permissions and can_approve_pull_request_reviews`);
  }
  return ok({ default_workflow_permissions: body.default_workflow_permissions, can_approve_pull_request_reviews: body.can_approve_pull_request_reviews });
}

/** GET /orgs/{org}/hooks, every page; each URL cut to its origin before it is kept. */
export async function fetchHooks(client: GithubClient): Promise<Outcome<RawHook[]>> {
  const o = await client.restList<RestHook>(orgPath(client, '/hooks'), 'admin:org_hook', 'organization webhooks');
  return o.ok ? ok(o.value.map(toRawHook)) : o;
}

/** GET /orgs/{org}/outside_collaborators, every page (owners only). */
export async function fetchOutsideCollaborators(client: GithubClient): Promise<Outcome<string[]>> {
  const o = await client.restList<{ login: string }>(orgPath(client, '/outside_collaborators'), 'read:org (organization owner)', 'outside collaborators');
  return o.ok ? ok(o.value.map((u) => u.login)) : o;
}

/** Whether GET /orgs/{org}/audit-log answers: 403/404 mean either "not GitHub Enterprise Cloud" or "not allowed", GitHub does not say which. */
export async function probeAuditLogApi(client: GithubClient): Promise<Outcome<boolean>> {
  const r = await client.rest(orgPath(client, '/audit-log?per_page=1'));
  if (r.status === 200) return ok(true);
  return restMissing(r, 'read:audit_log (organization owner, GitHub Enterprise Cloud)', `GET /orgs/${client.settings.org}/audit-log`);
}

/**
 * Harbor: live mode reads the v2.0 API with basic auth (a system administrator or a robot account
 * with system-level read); files mode reads JSON exports of the same responses and harbor.yml.
 * Both give one HarborState (read.ts), mapped to the model by normalize.ts.
 */
import type { Collector, CollectorOutput } from '../types.js';
import type { FactsBuilder } from '../kit/facts.js';
import { normalizeHarbor } from './normalize.js';
import { HARBOR_OPTIONS_SCHEMA, type HarborOptions } from './options.js';
import { HARBOR_DOCUMENTS, type HarborKind, type HarborState, readApi, readExports } from './read.js';

function output(state: HarborState, f: FactsBuilder): CollectorOutput {
  const { facts, resources } = normalizeHarbor(state, f);
  const c = state.config.ok ? state.config.value : undefined;
  const warnings: string[] = [];
  if (c?.get('oidc_verify_cert')?.value === false) warnings.push('oidc_verify_cert is false: Harbor does not verify the OIDC provider’s certificate');
  if (state.yml?.defaultAdminPassword)
    warnings.push(
      `${state.yml.file}: harbor_admin_password is still the default of Harbor's harbor.yml template (change the admin password in the UI if it was not)`,
    );
  if (state.yml && !state.yml.https.value) warnings.push(`${state.yml.file}: no https section: Harbor serves plain HTTP unless a proxy terminates TLS`);
  return {
    facts,
    resources,
    details: {
      ...(c
        ? Object.fromEntries(
            [
              'auth_mode',
              'primary_auth_mode',
              'self_registration',
              'session_timeout',
              'oidc_verify_cert',
              'project_creation_restriction',
              'audit_log_forward_endpoint',
              'skip_audit_log_database',
              'disabled_audit_log_event_types',
            ]
              .filter((k) => c.has(k))
              .map((k) => [k, c.get(k)!.value]),
          )
        : {}),
      ...(state.purge.ok ? { purge_schedule: state.purge.value.value } : {}),
      ...(state.publicProjects.ok ? { public_projects: state.publicProjects.value.names } : {}),
      ...(warnings.length ? { warnings } : {}),
    },
  };
}

export const harborCollector: Collector<HarborOptions, HarborKind> = {
  name: 'harbor',
  types: ['harbor'],
  options: HARBOR_OPTIONS_SCHEMA,
  documents: HARBOR_DOCUMENTS,
  files: {
    collect: (ctx) => output(readExports(ctx.documents), ctx.facts()),
  },
  live: {
    token: 'required',
    files: ['harbor-yml'],
    async collect(ctx) {
      ctx.progress(`${ctx.id}: reading configurations, purge schedule, users and public projects from ${ctx.endpoint}`);
      const user = ctx.options.username ?? 'admin';
      const basic = Buffer.from(`${user}:${ctx.token ?? ''}`).toString('base64');
      ctx.secret(basic);
      const http = ctx.http({ headers: { authorization: `Basic ${basic}` } });
      const state = await readApi(http, ctx.target.token_env, ctx.options.page_size ?? 100, ctx.options.max_items ?? 100_000, ctx.capture);
      const yml = ctx.documents.one('harbor-yml');
      return output(yml ? { ...state, yml: readExports(ctx.documents).yml } : state, ctx.facts());
    },
  },
};

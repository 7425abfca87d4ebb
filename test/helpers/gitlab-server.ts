/**
 * A loopback server shaped like the documented GitLab REST API v4 and GraphQL API (not the real
 * server): the endpoints the collector reads, with GitLab's authentication (PRIVATE-TOKEN or
 * Bearer), administrator-only endpoints (403 without an administrator, or without the admin_mode
 * scope when Admin Mode is on), offset pagination (x-page, x-per-page, x-next-page, x-total and a
 * Link header) and GraphQL answers in graphql-ruby's shapes, including its error for a field a
 * server version does not have ("Field 'x' doesn't exist on type 'Y'"). Faults can be injected
 * per path: a status, a delay (timeouts) and for how many requests. Binds 127.0.0.1 on a random port.
 */
import http from 'node:http';
import { listenLoopback } from './loopback.js';
import { createRequire } from 'node:module';
import type { FieldNode, OperationDefinitionNode, SelectionSetNode } from 'graphql';

const { parse, Kind } = createRequire(import.meta.url)('graphql') as typeof import('graphql');

type Json = Record<string, unknown>;

export interface GitlabState {
  token: string;
  user: { username: string; is_admin: boolean };
  /** Scopes reported by GET /personal_access_tokens/self; null: the endpoint answers 404. */
  scopes: string[] | null;
  /** Admin Mode on: administrator endpoints need the admin_mode scope. */
  adminMode: boolean;
  /** Premium or Ultimate: audit events API available. */
  premium: boolean;
  settings?: Json;
  statistics?: Json;
  admins: Json[];
  /** Users everybody may list (GET /users for non-administrators). */
  publicUsers?: Json[];
  groups: Record<string, { group: Json; members: Json[]; publicProjects: Json[]; samlIdentities?: Json[]; auditEvents: Json[] }>;
  auditEvents: Json[];
  /** GraphQL fields this server version has, with their nodes. */
  graphql: { group: Record<string, Json[]>; instance: Record<string, Json[]> };
  /** This server's destination types have no `active` field (older GitLab). */
  noActiveField?: boolean;
  /** Items per page unless the request asks for fewer. */
  maxPerPage?: number;
  /** Use the Link header only (no x-next-page), as keyset pagination does. */
  linkOnly?: boolean;
}

export interface Fault {
  /** Request path prefix (after /api/v4, or "/api/graphql"). */
  path: string;
  status?: number;
  delayMs?: number;
  /** How many requests fail (default: all). */
  times?: number;
  /** Only requests whose GraphQL query mentions this field. */
  graphqlField?: string;
}

export interface FakeGitlab {
  url: string;
  state: GitlabState;
  faults: Fault[];
  requests: { method: string; path: string; auth: string | undefined }[];
  close(): Promise<void>;
}

function send(res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

function paginate(req: URL, items: Json[], max: number, linkOnly: boolean): { body: Json[]; headers: Record<string, string> } {
  const perPage = Math.min(Number(req.searchParams.get('per_page') ?? 20), max);
  const page = Number(req.searchParams.get('page') ?? 1);
  const body = items.slice((page - 1) * perPage, page * perPage);
  const last = Math.max(1, Math.ceil(items.length / perPage));
  const headers: Record<string, string> = {
    'x-page': String(page),
    'x-per-page': String(perPage),
    'x-total': String(items.length),
    'x-total-pages': String(last),
  };
  if (page < last) {
    const next = new URL(req.href);
    next.searchParams.set('page', String(page + 1));
    headers.link = `<${next.href}>; rel="next"`;
    if (!linkOnly) headers['x-next-page'] = String(page + 1);
  } else if (!linkOnly) headers['x-next-page'] = '';
  return { body, headers };
}

/** The first field of a selection set, and the names selected under it (through `nodes`). */
function fieldsOf(set: SelectionSetNode | undefined): FieldNode[] {
  return (set?.selections ?? []).filter((s): s is FieldNode => s.kind === Kind.FIELD);
}

function graphqlAnswer(state: GitlabState, query: string, variables: Json): Json {
  const doc = parse(query);
  const op = doc.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)!;
  const errors: Json[] = [];
  const data: Json = {};
  const project = (nodes: Json[], selected: FieldNode[], typeName: string): Json[] | undefined => {
    const names = selected.map((f) => f.name.value);
    if (state.noActiveField && names.includes('active')) {
      errors.push({
        message: `Field 'active' doesn't exist on type '${typeName}'`,
        locations: [{ line: 1, column: 1 }],
        path: ['query'],
        extensions: { code: 'undefinedField' },
      });
      return undefined;
    }
    return nodes.map((n) => Object.fromEntries(names.map((k) => [k, n[k] ?? null])));
  };
  const connection = (scope: 'group' | 'instance', f: FieldNode, parentType: string): unknown => {
    const known = state.graphql[scope];
    if (!(f.name.value in known)) {
      errors.push({
        message: `Field '${f.name.value}' doesn't exist on type '${parentType}'`,
        locations: [{ line: 1, column: 1 }],
        path: ['query', f.name.value],
        extensions: { code: 'undefinedField' },
      });
      return undefined;
    }
    const nodesField = fieldsOf(f.selectionSet).find((x) => x.name.value === 'nodes');
    const typeName = f.name.value.includes('Google')
      ? 'GoogleCloudLoggingConfigurationType'
      : f.name.value.includes('AmazonS3') || f.name.value.includes('amazonS3')
        ? 'AmazonS3ConfigurationType'
        : 'ExternalAuditEventDestination';
    const nodes = project(known[f.name.value]!, fieldsOf(nodesField?.selectionSet), typeName);
    return nodes === undefined ? undefined : { nodes };
  };
  for (const top of fieldsOf(op.selectionSet)) {
    if (top.name.value === 'group') {
      const arg = top.arguments?.find((a) => a.name.value === 'fullPath');
      const fullPath = arg?.value.kind === Kind.VARIABLE ? String(variables[arg.value.name.value]) : arg?.value.kind === Kind.STRING ? arg.value.value : '';
      const g = state.groups[fullPath];
      if (!g) {
        data.group = null;
        continue;
      }
      const out: Json = {};
      for (const f of fieldsOf(top.selectionSet)) {
        const v = f.name.value === 'id' ? `gid://gitlab/Group/${String(g.group.id)}` : connection('group', f, 'Group');
        if (v !== undefined) out[f.name.value] = v;
      }
      data.group = out;
    } else {
      const v = connection('instance', top, 'Query');
      if (v !== undefined) data[top.name.value] = v;
    }
  }
  // graphql-ruby rejects a query with an unknown field during validation: no data at all.
  return errors.length ? { errors } : { data };
}

export async function startFakeGitlab(state: GitlabState, faults: Fault[] = []): Promise<FakeGitlab> {
  const requests: FakeGitlab['requests'] = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => {
      body += c;
    });
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const auth = (req.headers['private-token'] as string | undefined) ?? req.headers.authorization?.replace(/^Bearer /, '');
      requests.push({ method: req.method ?? 'GET', path: `${url.pathname}${url.search}`, auth });
      const path = url.pathname.startsWith('/api/v4') ? url.pathname.slice(7) : url.pathname;
      const fault = faults.find((f) => path.startsWith(f.path) && (f.times === undefined || f.times > 0) && (!f.graphqlField || body.includes(f.graphqlField)));
      const respond = () => {
        if (fault) {
          if (fault.times !== undefined) fault.times--;
          if (fault.status) return send(res, fault.status, { message: `${fault.status} injected` });
        }
        if (auth !== state.token) return send(res, 401, { message: '401 Unauthorized' });
        const admin = state.user.is_admin && (!state.adminMode || (state.scopes ?? []).includes('admin_mode'));
        const forbidden = () => send(res, 403, { message: '403 Forbidden' });
        const max = state.maxPerPage ?? 100;
        const list = (items: Json[]) => {
          const p = paginate(new URL(`http://${req.headers.host}${req.url}`), items, max, state.linkOnly ?? false);
          send(res, 200, p.body, p.headers);
        };
        if (req.method === 'POST' && path === '/api/graphql') {
          const { query, variables } = JSON.parse(body || '{}') as { query: string; variables?: Json };
          return send(res, 200, graphqlAnswer(state, query, variables ?? {}));
        }
        if (req.method !== 'GET') return send(res, 404, { error: '404 Not Found' });
        if (path === '/user') return send(res, 200, { id: 1, username: state.user.username, is_admin: state.user.is_admin, state: 'active' });
        if (path === '/personal_access_tokens/self') {
          return state.scopes
            ? send(res, 200, { id: 9, name: 'auditready', active: true, scopes: state.scopes, expires_at: '2027-01-01' })
            : send(res, 404, { message: '404 Not Found' });
        }
        if (path === '/application/settings') return admin && state.settings ? send(res, 200, state.settings) : forbidden();
        if (path === '/application/statistics') return admin && state.statistics ? send(res, 200, state.statistics) : forbidden();
        if (path === '/users') {
          if (url.searchParams.get('admins') === 'true' && admin) return list(state.admins);
          // Non-administrators: the public user list, without is_admin.
          return list((state.publicUsers ?? state.admins).map(({ is_admin: _, ...u }) => u));
        }
        if (path === '/audit_events')
          return admin && state.premium ? list(state.auditEvents) : state.premium ? forbidden() : send(res, 404, { message: '404 Not Found' });
        const g = /^\/groups\/([^/]+)(\/.*)?$/.exec(path);
        if (g) {
          const group = state.groups[decodeURIComponent(g[1]!)];
          if (!group) return send(res, 404, { message: '404 Group Not Found' });
          const sub = g[2] ?? '';
          if (sub === '') return send(res, 200, group.group);
          if (sub === '/members/all') return list(group.members);
          if (sub === '/projects') return list(url.searchParams.get('visibility') === 'public' ? group.publicProjects : group.publicProjects);
          if (sub === '/saml/identities') return group.samlIdentities ? list(group.samlIdentities) : send(res, 404, { message: '404 Not Found' });
          if (sub === '/audit_events') return state.premium ? list(group.auditEvents) : send(res, 404, { message: '404 Not Found' });
        }
        return send(res, 404, { error: '404 Not Found' });
      };
      if (fault?.delayMs) setTimeout(respond, fault.delayMs);
      else respond();
    });
  });
  const { url, close } = await listenLoopback(server);
  return { url, state, faults, requests, close };
}

/** Server state holding the same data as a fixture's saved API responses (fixtures/gitlab/<case>/api). */
export function stateFromFixture(dir: string, token: string): GitlabState {
  const { readFileSync, existsSync } = createRequire(import.meta.url)('node:fs') as typeof import('node:fs');
  const read = (name: string) => (existsSync(`${dir}/api/${name}`) ? (JSON.parse(readFileSync(`${dir}/api/${name}`, 'utf8')) as unknown) : undefined);
  const group = read('group.json') as Json | undefined;
  const fields = (file: string, scope: 'group' | 'instance'): Record<string, Json[]> => {
    const doc = read(file) as { data?: Json } | undefined;
    const holder = (scope === 'group' ? (doc?.data?.group as Json | undefined) : doc?.data) ?? {};
    return Object.fromEntries(
      Object.entries(holder).flatMap(([k, v]) => (v && typeof v === 'object' && 'nodes' in v ? [[k, (v as { nodes: Json[] }).nodes]] : [])),
    );
  };
  return {
    token,
    user: { username: 'auditready', is_admin: true },
    scopes: ['read_api', 'admin_mode'],
    adminMode: true,
    premium: true,
    settings: read('application_settings.json') as Json | undefined,
    statistics: read('application_statistics.json') as Json | undefined,
    admins: (read('admins.json') as Json[] | undefined) ?? [],
    groups: group
      ? {
          [String(group.full_path)]: {
            group,
            members: (read('members.json') as Json[] | undefined) ?? [],
            publicProjects: (read('public_projects.json') as Json[] | undefined) ?? [],
            ...(read('saml_identities.json') ? { samlIdentities: read('saml_identities.json') as Json[] } : {}),
            auditEvents: (read('audit_events.json') as Json[] | undefined) ?? [],
          },
        }
      : {},
    auditEvents: (read('audit_events.json') as Json[] | undefined) ?? [],
    graphql: {
      group: {
        externalAuditEventDestinations: [],
        googleCloudLoggingConfigurations: [],
        amazonS3Configurations: [],
        ...fields('streaming_group.json', 'group'),
      },
      instance: {
        instanceExternalAuditEventDestinations: [],
        instanceGoogleCloudLoggingConfigurations: [],
        auditEventsInstanceAmazonS3Configurations: [],
        ...fields('streaming_instance.json', 'instance'),
      },
    },
  };
}

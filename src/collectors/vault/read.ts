/**
 * What a Vault/OpenBao server says about itself, read through a VaultSource (the live API or the
 * exports) plus the server configuration file when given: audit devices (sys/audit and the
 * config's `audit` stanzas), auth methods (sys/auth, with the OIDC/JWT issuer from their config),
 * ACL policies, who holds which policy (identity groups and entities, userpass and LDAP users and
 * groups, OIDC/JWT, AppRole, Kubernetes and cert roles), root tokens (token accessors looked up
 * one by one) and login MFA enforcements. Every part is an Outcome: what could not be read becomes
 * a gap, never a guess.
 */
import { InputError, ToolInputError } from '../../errors.js';
import type { FactSource } from '../../model/types.js';
import { hclBlocks, hclObject } from '../../util/hcl-source.js';
import type { SourceObject } from '../kit/files.js';
import { failed, type Missing, notCollected, type Outcome, ok } from '../kit/result.js';
import type { Setting } from '../kit/setting.js';
import { analyzePolicy, type PolicyAnalysis } from './policy.js';
import type { ApiData, VaultSource } from './source.js';

export interface AuditDevice {
  /** Mount path without the trailing slash: `file`, `siem`. */
  readonly path: string;
  readonly type: string;
  readonly options: Readonly<Record<string, string>>;
  /** Declared in the server configuration, listed by sys/audit, or both. */
  readonly declared: 'config' | 'api' | 'both';
  readonly source: FactSource;
}

export interface AuthMount {
  readonly path: string;
  readonly type: string;
  readonly accessor: string;
  /** OIDC/JWT: the issuer or discovery URL from auth/<path>/config. */
  readonly issuer?: string;
  readonly source: FactSource;
}

export interface Holder {
  readonly name: string;
  readonly kind: 'user' | 'group' | 'role' | 'service';
  /** A person signs in as this principal (userpass/LDAP users and groups, OIDC roles, identity entities and groups). */
  readonly human: boolean;
  readonly policies: readonly string[];
  readonly source: FactSource;
}

interface RootToken {
  readonly name: string;
  readonly source: FactSource;
}

interface Enforcement {
  readonly name: string;
  readonly accessors: readonly string[];
  readonly types: readonly string[];
  /** Only some identity groups or entities: the mounts are not covered for everyone. */
  readonly partial: boolean;
  readonly source: FactSource;
}

interface AnalyzedPolicy extends PolicyAnalysis {
  readonly source: FactSource;
}

export interface VaultState {
  readonly type: 'vault' | 'openbao';
  readonly config: ServerConfig | undefined;
  readonly audit: Outcome<{ readonly devices: readonly AuditDevice[]; readonly source: FactSource }>;
  readonly auth: Outcome<{ readonly mounts: readonly AuthMount[]; readonly source: FactSource }>;
  readonly policies: Outcome<{ readonly byName: ReadonlyMap<string, AnalyzedPolicy>; readonly source: FactSource }>;
  readonly holders: Outcome<{ readonly holders: readonly Holder[]; readonly notRead: readonly string[] }>;
  readonly entities: Outcome<{ readonly count: number; readonly source: FactSource }>;
  readonly rootTokens: Outcome<{ readonly tokens: readonly RootToken[]; readonly source: FactSource }>;
  readonly mfa: Outcome<{ readonly enforcements: readonly Enforcement[]; readonly source: FactSource }>;
  /** Userpass users, the local accounts of Vault. */
  readonly userpass: Outcome<{ readonly names: readonly string[]; readonly sources: readonly FactSource[] }>;
  readonly warnings: readonly string[];
}

interface ServerConfig {
  readonly devices: readonly AuditDevice[];
  /** OpenBao: API-created audit devices are refused unless this is true. */
  readonly unsafeApiAudit: Setting<boolean>;
  readonly file: string;
}

export interface ReadLimits {
  /** Most token accessors looked up (each is one request). */
  readonly maxTokenLookups: number;
  /** Most items read per list (identity entities, users, roles). */
  readonly maxItems: number;
}

const isMapping = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
const strings = (v: unknown): string[] =>
  Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : typeof v === 'string' && v ? v.split(',').map((x) => x.trim()) : [];
const trim = (p: string) => p.replace(/\/+$/, '');
const optionMap = (v: unknown): Record<string, string> =>
  Object.fromEntries(Object.entries(hclObject(v)).map(([k, x]) => [k, typeof x === 'string' ? x : JSON.stringify(x)]));

/** The `audit` stanzas and `unsafe_allow_api_audit_creation` of the server configuration. */
function readServerConfig(obj: SourceObject): ServerConfig {
  const v = obj.value as Record<string, unknown>;
  const devices = hclBlocks(v, 'audit', 2).map(
    (b): AuditDevice => ({
      type: b.labels[0]!,
      path: trim(b.labels[1]!),
      options: optionMap(b.body.options),
      declared: 'config',
      source: obj.at(b.pointer),
    }),
  );
  const unsafe = v.unsafe_allow_api_audit_creation;
  const unsafeApiAudit: Setting<boolean> =
    unsafe === undefined
      ? {
          value: false,
          source: obj.absent(
            '/unsafe_allow_api_audit_creation',
            'unsafe_allow_api_audit_creation is absent: OpenBao refuses audit devices created through the API',
          ),
        }
      : { value: unsafe === true || unsafe === 'true', source: obj.at('/unsafe_allow_api_audit_creation') };
  return { devices, unsafeApiAudit, file: obj.file };
}

/**
 * Several configuration files (`-config` given a folder, or several flags) make one configuration:
 * the audit stanzas of all of them; the API-audit setting of the file that sets it.
 */
function readServerConfigs(objs: readonly SourceObject[]): ServerConfig | undefined {
  const all = objs.map(readServerConfig);
  if (all.length === 0) return undefined;
  const setting = all.find((c) => c.unsafeApiAudit.source.default === undefined) ?? all[0]!;
  return { devices: all.flatMap((c) => c.devices), unsafeApiAudit: setting.unsafeApiAudit, file: all.map((c) => c.file).join(', ') };
}

/** All items of a list, each read; the first refusal or error stops and becomes the outcome. */
async function readAll(
  src: VaultSource,
  listPath: string,
  item: (key: string) => string,
  permission: string,
  max: number,
): Promise<Outcome<{ key: string; read: ApiData }[]>> {
  const l = await src.list(listPath, permission);
  if (!l.ok) return l;
  const keys = l.value.keys.map(trim);
  if (keys.length > max) return notCollected(`${listPath} lists ${keys.length} items, more than ${max} (option max_items)`);
  const reads = await Promise.all(keys.map(async (key) => ({ key, r: await src.read(item(key), permission) })));
  const out: { key: string; read: ApiData }[] = [];
  for (const { key, r } of reads) {
    if (!r.ok) return r;
    if (r.value) out.push({ key, read: r.value });
  }
  return ok(out);
}

/** The principals an auth method defines, per method type: [list path, kind, human]. */
const PRINCIPALS: Record<string, readonly { readonly list: string; readonly kind: Holder['kind']; readonly human: (d: Record<string, unknown>) => boolean }[]> =
  {
    userpass: [{ list: 'users', kind: 'user', human: () => true }],
    ldap: [
      { list: 'groups', kind: 'group', human: () => true },
      { list: 'users', kind: 'user', human: () => true },
    ],
    oidc: [{ list: 'role', kind: 'role', human: (d) => d.role_type !== 'jwt' }],
    jwt: [{ list: 'role', kind: 'role', human: (d) => d.role_type === 'oidc' }],
    approle: [{ list: 'role', kind: 'service', human: () => false }],
    kubernetes: [{ list: 'role', kind: 'service', human: () => false }],
    cert: [{ list: 'certs', kind: 'service', human: () => false }],
  };

const policiesOf = (d: Record<string, unknown>) => [...new Set([...strings(d.token_policies), ...strings(d.policies)])].sort();

async function readHolders(src: VaultSource, mounts: readonly AuthMount[], limits: ReadLimits): Promise<VaultState['holders']> {
  const holders: Holder[] = [];
  const notRead: string[] = [];
  const perm = (p: string) => `list and read on ${p}`;
  const groups = await readAll(src, 'identity/group/name', (k) => `identity/group/name/${k}`, perm('identity/group/name/*'), limits.maxItems);
  if (!groups.ok) return groups;
  for (const { key, read } of groups.value) {
    holders.push({ name: `${key} (identity group)`, kind: 'group', human: true, policies: policiesOf(read.data), source: read.source });
  }
  const entities = await readAll(src, 'identity/entity/name', (k) => `identity/entity/name/${k}`, perm('identity/entity/name/*'), limits.maxItems);
  if (!entities.ok) return entities;
  for (const { key, read } of entities.value) {
    const policies = policiesOf(read.data);
    if (policies.length) holders.push({ name: `${key} (identity entity)`, kind: 'user', human: true, policies, source: read.source });
  }
  for (const m of mounts) {
    const kinds = PRINCIPALS[m.type];
    if (!kinds) {
      if (m.type !== 'token') notRead.push(`auth/${m.path}/ (${m.type})`);
      continue;
    }
    for (const k of kinds) {
      const r = await readAll(src, `auth/${m.path}/${k.list}`, (key) => `auth/${m.path}/${k.list}/${key}`, perm(`auth/${m.path}/${k.list}/*`), limits.maxItems);
      if (!r.ok) return r;
      for (const { key, read } of r.value) {
        holders.push({
          name: `${key} (auth/${m.path}/${k.list})`,
          kind: k.kind,
          human: k.human(read.data),
          policies: policiesOf(read.data),
          source: read.source,
        });
      }
    }
  }
  return ok({ holders, notRead });
}

async function readRootTokens(src: VaultSource, limits: ReadLimits, secret: (v: string) => void): Promise<VaultState['rootTokens']> {
  const l = await src.list('auth/token/accessors', 'list and sudo on auth/token/accessors');
  if (!l.ok) return l;
  const accessors = l.value.keys;
  for (const a of accessors) secret(a);
  if (accessors.length > limits.maxTokenLookups) {
    return notCollected(
      `${accessors.length} token accessors, more than the ${limits.maxTokenLookups} looked up (option max_token_lookups): whether a root token exists is unknown`,
    );
  }
  const looked = await Promise.all(accessors.map((a) => src.lookupAccessor(a)));
  const tokens: RootToken[] = [];
  for (const r of looked) {
    if (!r.ok) return r;
    if (!r.value) continue; // revoked while we looked
    const d = r.value.data;
    if (!strings(d.policies).includes('root')) continue;
    const created = typeof d.creation_time === 'number' ? new Date(d.creation_time * 1000).toISOString().slice(0, 10) : 'unknown date';
    const expiry =
      d.expire_time === null || d.expire_time === undefined || d.expire_time === '' ? 'never expires' : `expires ${String(d.expire_time).slice(0, 10)}`;
    tokens.push({ name: `root token "${String(d.display_name ?? 'root')}" (created ${created}, ${expiry})`, source: r.value.source });
  }
  return ok({ tokens, source: l.value.source });
}

async function readMfa(src: VaultSource): Promise<VaultState['mfa']> {
  const r = await readAll(
    src,
    'identity/mfa/login-enforcement',
    (k) => `identity/mfa/login-enforcement/${k}`,
    'list and read on identity/mfa/login-enforcement/*',
    10_000,
  );
  if (!r.ok) return r;
  const enforcements = r.value.map(({ key, read }): Enforcement => {
    const d = read.data;
    return {
      name: key,
      accessors: strings(d.auth_method_accessors),
      types: strings(d.auth_method_types),
      partial: strings(d.identity_group_ids).length + strings(d.identity_entity_ids).length > 0,
      source: read.source,
    };
  });
  return ok({ enforcements, source: enforcements[0]?.source ?? { default: 'no login MFA enforcement (identity/mfa/login-enforcement lists none)' } });
}

function device(path: string, d: Record<string, unknown>, source: FactSource): AuditDevice {
  return { path: trim(path), type: String(d.type), options: optionMap(d.options), declared: 'api', source };
}

/** The same source, asking each path once (the holders and the local accounts both list userpass users). */
function once(src: VaultSource): VaultSource {
  const reads = new Map<string, ReturnType<VaultSource['read']>>();
  const lists = new Map<string, ReturnType<VaultSource['list']>>();
  return {
    kind: src.kind,
    checkToken: () => src.checkToken(),
    lookupAccessor: (a) => src.lookupAccessor(a),
    read: (p, perm) => reads.get(p) ?? reads.set(p, src.read(p, perm)).get(p)!,
    list: (p, perm) => lists.get(p) ?? lists.set(p, src.list(p, perm)).get(p)!,
  };
}

/** Read everything; `config` is the server configuration when given. */
export async function readVault(
  source: VaultSource,
  type: 'vault' | 'openbao',
  configObjs: readonly SourceObject[],
  limits: ReadLimits,
  secret: (v: string) => void,
): Promise<VaultState> {
  const src = once(source);
  const warnings: string[] = [];
  const config = readServerConfigs(configObjs);
  await src.checkToken();

  const auditRead = await src.read('sys/audit', 'read and sudo on sys/audit');
  let audit: VaultState['audit'];
  if (auditRead.ok) {
    const listed = auditRead.value ? Object.entries(auditRead.value.data).filter(([, d]) => isMapping(d) && typeof d.type === 'string') : [];
    const at = auditRead.value?.source ?? { default: 'sys/audit: 404' };
    const fromApi = listed.map(([p, d]) =>
      device(p, d as Record<string, unknown>, auditRead.value?.object ? auditRead.value.object.at(`/data/${p.replace(/~/g, '~0').replace(/\//g, '~1')}`) : at),
    );
    const merged = new Map<string, AuditDevice>(fromApi.map((d) => [d.path, d]));
    for (const d of config?.devices ?? []) {
      const api = merged.get(d.path);
      merged.set(d.path, api ? { ...api, declared: 'both' } : d);
    }
    audit = ok({ devices: [...merged.values()], source: at });
  } else if (config && type === 'openbao' && !config.unsafeApiAudit.value) {
    // OpenBao refuses API-created devices: the configuration lists them all.
    audit = ok({ devices: config.devices, source: config.unsafeApiAudit.source });
    warnings.push(
      `sys/audit could not be read (${auditRead.detail}); the audit devices are those the server configuration declares, which OpenBao enforces without unsafe_allow_api_audit_creation`,
    );
  } else {
    audit = auditRead;
  }
  for (const d of audit.ok ? audit.value.devices : []) {
    // An http device's headers can carry credentials (OpenBao).
    if (d.options.headers) secret(d.options.headers);
  }

  const authRead = await src.read('sys/auth', 'read on sys/auth');
  let auth: VaultState['auth'];
  if (!authRead.ok) auth = authRead;
  else if (!authRead.value) auth = failed('sys/auth answered 404');
  else {
    const at = authRead.value;
    const mounts: AuthMount[] = [];
    for (const [p, d] of Object.entries(at.data)) {
      if (!isMapping(d) || typeof d.type !== 'string') continue;
      const path = trim(p);
      let issuer: string | undefined;
      if (d.type === 'oidc' || d.type === 'jwt') {
        const c = await src.read(`auth/${path}/config`, `read on auth/${path}/config`);
        if (c.ok && c.value) {
          const i = [c.value.data.oidc_discovery_url, c.value.data.bound_issuer, c.value.data.jwks_url].find((x) => typeof x === 'string' && x !== '');
          if (typeof i === 'string') issuer = i;
        } else if (!c.ok) warnings.push(`the issuer of auth/${path}/ is unknown: ${c.detail}`);
      }
      const source = at.object ? at.object.at(`/data/${p.replace(/~/g, '~0').replace(/\//g, '~1')}`) : at.source;
      mounts.push({ path, type: d.type, accessor: String(d.accessor ?? ''), ...(issuer ? { issuer } : {}), source });
    }
    auth = ok({ mounts, source: at.source });
  }

  const policyList = await src.list('sys/policies/acl', 'list on sys/policies/acl');
  let policies: VaultState['policies'];
  if (!policyList.ok) policies = policyList;
  else {
    const byName = new Map<string, AnalyzedPolicy>();
    let missing: Missing | undefined;
    for (const name of policyList.value.keys) {
      if (name === 'root') {
        byName.set('root', {
          name: 'root',
          rules: [],
          wildcard: [],
          sudo: [],
          sysWrite: [],
          admin: true,
          source: { default: 'the built-in root policy: every capability on every path' },
        });
        continue;
      }
      const r = await src.read(`sys/policies/acl/${name}`, 'read on sys/policies/acl/*');
      if (!r.ok) {
        missing ??= r;
        continue;
      }
      if (!r.value || typeof r.value.data.policy !== 'string') continue;
      const where = r.value.object ? `${r.value.object.file} (sys/policies/acl/${name})` : `sys/policies/acl/${name}`;
      try {
        const a = analyzePolicy(name, r.value.data.policy, where);
        byName.set(name, { ...a, source: r.value.source });
      } catch (e) {
        if (!(e instanceof InputError)) throw e;
        throw new ToolInputError(
          r.value.object ? { file: r.value.object.file, line: r.value.object.line } : { endpoint: `GET /v1/sys/policies/acl/${name}` },
          `policy ${name}: ${e.problem} (line ${e.position.line ?? '?'} of the policy)`,
          {
            expected: 'an ACL policy in HCL (path "..." { capabilities = [...] })',
          },
        );
      }
    }
    policies = missing ? missing : ok({ byName, source: policyList.value.source });
  }

  const holders: VaultState['holders'] = auth.ok ? await readHolders(src, auth.value.mounts, limits) : auth;
  const entityList = await src.list('identity/entity/name', 'list on identity/entity/name');
  const entities: VaultState['entities'] = entityList.ok ? ok({ count: entityList.value.keys.length, source: entityList.value.source }) : entityList;
  const rootTokens = await readRootTokens(src, limits, secret);
  const mfa = await readMfa(src);

  let userpass: VaultState['userpass'];
  if (!auth.ok) userpass = auth;
  else {
    const names: string[] = [];
    const sources: FactSource[] = [];
    let miss: Missing | undefined;
    for (const m of auth.value.mounts.filter((x) => x.type === 'userpass')) {
      const l = await src.list(`auth/${m.path}/users`, `list on auth/${m.path}/users`);
      if (!l.ok) miss ??= l;
      else {
        names.push(...l.value.keys.map((k) => `${trim(k)} (auth/${m.path})`));
        sources.push(l.value.source);
      }
    }
    userpass = miss ?? ok({ names, sources });
  }
  return { type, config, audit, auth, policies, holders, entities, rootTokens, mfa, userpass, warnings };
}

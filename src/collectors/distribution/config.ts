/**
 * Files mode of the CNCF Distribution registry (Debian's docker-registry): its `config.yml`
 * (docs/content/about/configuration.md) and, optionally, the htpasswd file its `auth.htpasswd.path`
 * names. Settings that are absent take the registry's documented default, recorded as such.
 *
 * An htpasswd file (`user:$2y$...` lines) is not YAML: a text kind claims it whole by its lines;
 * only bcrypt entries count, as the registry ignores every other hash type.
 */
import { ToolInputError } from '../../errors.js';
import type { FactSource } from '../../model/types.js';
import type { DocumentSpec, SourceObject } from '../kit/files.js';
import type { Setting } from '../kit/setting.js';

export type DistributionKind = 'config' | 'htpasswd';

const isMapping = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/** A bcrypt htpasswd entry: user:$2a$/$2b$/$2y$cost$53 characters. */
const ENTRY = /^([^:\s]+):(\S+)$/;
/** A bcrypt hash, or one redacted in an evidence bundle's capture (its scheme and cost kept: verify reads it again). */
const BCRYPT_HASH = /^\$2[abxy]?\$\d{2}\$(?:[./A-Za-z0-9]{53}|\[REDACTED\])$/;

function isHtpasswd(text: string): boolean {
  if (text.trim() === '') return false;
  return text
    .trim()
    .split(/\s+/)
    .every((e) => ENTRY.test(e));
}

export const DISTRIBUTION_DOCUMENTS: DocumentSpec<DistributionKind> = {
  expected: "the Distribution registry's config.yml (version, storage, http, auth, notifications, log) or the htpasswd file its auth.htpasswd.path names",
  kinds: {
    config: {
      describe: "the registry's config.yml",
      match: (v) => isMapping(v) && (typeof v.version === 'string' || typeof v.version === 'number') && ('storage' in v || 'http' in v),
      once: true,
    },
    htpasswd: { describe: 'an htpasswd file (user:bcrypt-hash lines)', text: isHtpasswd, once: true },
  },
};

type AuthKind = 'none' | 'silly' | 'token' | 'htpasswd';

interface RegistryAuth {
  readonly kind: AuthKind;
  /** token: where clients get tokens (the token server); silly/htpasswd: the realm named in challenges. */
  readonly realm?: string;
  readonly service?: string;
  readonly issuer?: string;
  /** htpasswd: the file the registry loads at start. */
  readonly path?: string;
}

export interface NotificationEndpoint {
  readonly name: string;
  /** scheme://host[:port] only: a URL can carry credentials in its user info, path or query. */
  readonly origin: string;
  readonly https: boolean;
  readonly disabled: boolean;
  /** ignore.actions (push, pull, mount, delete) */
  readonly ignoredActions: readonly string[];
  readonly source: FactSource;
}

export interface RegistryConfig {
  readonly auth: Setting<RegistryAuth>;
  readonly endpoints: Setting<readonly NotificationEndpoint[]>;
  /** The access log (Combined Log Format on stdout): on unless log.accesslog.disabled is true. */
  readonly accessLog: Setting<boolean>;
  readonly logLevel: Setting<string>;
  readonly formatter: Setting<string>;
  /** storage.delete.enabled: off by default (manifests and blobs cannot be deleted through the API). */
  readonly deleteEnabled: Setting<boolean>;
  /** storage.maintenance.readonly.enabled: pushes are refused for everyone. */
  readonly readOnly: Setting<boolean>;
  /** http.tls.certificate or http.tls.letsencrypt.cachefile: the registry itself serves TLS (else a proxy in front must). */
  readonly tls: Setting<boolean>;
  /** proxy.remoteurl: a pull-through cache, which refuses pushes. */
  readonly proxy: Setting<string> | undefined;
  /** Values the config holds that are secrets without a secret-like key (notification headers). */
  readonly secrets: readonly string[];
}

/** A user of the htpasswd file, and where its line is. */
interface HtpasswdUser {
  readonly name: string;
  readonly source: FactSource;
}

export interface Htpasswd {
  readonly users: readonly HtpasswdUser[];
  /** Entries with another hash than bcrypt: the registry ignores them. */
  readonly ignored: readonly string[];
  /** Every hash of the file (secrets, whatever their type). */
  readonly hashes: readonly string[];
  readonly source: FactSource;
}

/** The `actions` a notification can carry (notifications.md). */
export const REGISTRY_ACTIONS = ['push', 'pull', 'mount', 'delete'] as const;

function broken(obj: SourceObject, pointer: string, problem: string, expected: string): never {
  const at = obj.at(pointer);
  throw new ToolInputError({ file: obj.file, line: at.line, col: at.column }, problem, { expected });
}

function get(v: unknown, ...keys: string[]): unknown {
  let cur = v;
  for (const k of keys) {
    if (!isMapping(cur) || !Object.hasOwn(cur, k)) return undefined;
    cur = cur[k];
  }
  return cur;
}

/** A boolean setting: true/false (YAML) or the strings Go's YAML decoder also accepts. */
function bool(obj: SourceObject, pointer: string, value: unknown, documentedDefault: boolean, defaultText: string): Setting<boolean> {
  if (value === undefined || value === null) return { value: documentedDefault, source: obj.absent(pointer, defaultText) };
  if (typeof value === 'boolean') return { value, source: obj.at(pointer) };
  if (value === 'true' || value === 'false') return { value: value === 'true', source: obj.at(pointer) };
  return broken(obj, pointer, `${pointer.slice(1).replace(/\//g, '.')} is ${JSON.stringify(value)}`, 'true or false');
}

function text(obj: SourceObject, pointer: string, value: unknown, documentedDefault: string, defaultText: string): Setting<string> {
  if (value === undefined || value === null) return { value: documentedDefault, source: obj.absent(pointer, defaultText) };
  // An empty string is Go's zero value: the registry uses the default, read where the key is.
  if (value === '') return { value: documentedDefault, source: { ...obj.at(pointer), default: defaultText } };
  if (typeof value === 'string') return { value, source: obj.at(pointer) };
  return broken(obj, pointer, `${pointer.slice(1).replace(/\//g, '.')} is ${typeof value}`, 'a string');
}

/**
 * Parts of a URL that can be credentials: user info, query values, and long token-like path
 * segments (webhook URLs often carry their key in the path).
 */
function urlSecrets(raw: string): string[] {
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    return [raw];
  }
  const out = [u.username, u.password, ...[...u.searchParams.values()]].map((x) => decodeURIComponent(x)).filter((x) => x.length >= 4);
  for (const seg of u.pathname.split('/')) if (/^[A-Za-z0-9_-]{16,}$/.test(seg)) out.push(seg);
  return out;
}

function origin(raw: string): { origin: string; https: boolean } | undefined {
  try {
    const u = new URL(raw);
    return { origin: `${u.protocol}//${u.host}`, https: u.protocol === 'https:' };
  } catch {
    return undefined;
  }
}

function readAuth(obj: SourceObject): Setting<RegistryAuth> {
  const auth = get(obj.value, 'auth');
  if (auth === undefined || auth === null || (isMapping(auth) && Object.keys(auth).length === 0)) {
    return {
      value: { kind: 'none' },
      source: obj.absent('/auth', 'auth is absent: the registry authenticates nobody and anyone who reaches it can pull, push and delete'),
    };
  }
  if (!isMapping(auth)) return broken(obj, '/auth', 'auth is not a mapping', 'one of auth.token, auth.htpasswd or auth.silly');
  const kinds = Object.keys(auth);
  if (kinds.length > 1) {
    // The registry refuses to start: "must provide exactly one type".
    return broken(
      obj,
      '/auth',
      `auth names ${kinds.length} providers (${kinds.join(', ')}); the registry refuses to start with more than one`,
      'exactly one of token, htpasswd, silly',
    );
  }
  const kind = kinds[0]!;
  const params = auth[kind];
  const str = (k: string) => {
    const v = get(params, k);
    return typeof v === 'string' && v !== '' ? v : undefined;
  };
  const at = obj.at(`/auth/${kind}`);
  switch (kind) {
    case 'none':
      return { value: { kind: 'none' }, source: at };
    case 'silly':
      return { value: { kind: 'silly', ...opt('realm', str('realm')), ...opt('service', str('service')) }, source: at };
    case 'htpasswd': {
      const path = str('path');
      if (!path) return broken(obj, `/auth/${kind}`, 'auth.htpasswd has no path', 'auth.htpasswd.path: the htpasswd file the registry loads at start');
      return { value: { kind: 'htpasswd', path, ...opt('realm', str('realm')) }, source: at };
    }
    case 'token': {
      const realm = str('realm');
      if (!realm) return broken(obj, `/auth/${kind}`, 'auth.token has no realm', 'auth.token.realm: the URL of the token server');
      return { value: { kind: 'token', realm, ...opt('service', str('service')), ...opt('issuer', str('issuer')) }, source: at };
    }
    default:
      return broken(obj, `/auth/${kind}`, `auth.${kind} is not an authentication provider of the registry`, 'one of token, htpasswd, silly');
  }
}

const opt = <K extends string>(k: K, v: string | undefined): { [P in K]?: string } => (v === undefined ? {} : ({ [k]: v } as { [P in K]: string }));

function readEndpoints(obj: SourceObject, secrets: string[]): Setting<readonly NotificationEndpoint[]> {
  const list = get(obj.value, 'notifications', 'endpoints');
  if (list === undefined || list === null) {
    return { value: [], source: obj.absent('/notifications/endpoints', 'no notifications.endpoints: the registry sends no events') };
  }
  if (!Array.isArray(list)) return broken(obj, '/notifications/endpoints', 'notifications.endpoints is not a list', 'a list of {name, url, ...}');
  const endpoints = list.map((e, i): NotificationEndpoint => {
    const at = `/notifications/endpoints/${i}`;
    if (!isMapping(e) || typeof e.url !== 'string') return broken(obj, at, `notifications.endpoints[${i}] has no url`, 'an endpoint {name, url, ...}');
    const o = origin(e.url);
    if (!o) return broken(obj, `${at}/url`, `notifications.endpoints[${i}].url is not a URL`, 'an http(s) URL');
    secrets.push(...urlSecrets(e.url));
    for (const values of Object.values(isMapping(e.headers) ? e.headers : {})) {
      for (const v of Array.isArray(values) ? values : [values]) if (typeof v === 'string' && v.trim()) secrets.push(v);
    }
    const actions = get(e, 'ignore', 'actions');
    return {
      name: typeof e.name === 'string' ? e.name : `endpoint ${i + 1}`,
      ...o,
      disabled: e.disabled === true || e.disabled === 'true',
      ignoredActions: Array.isArray(actions) ? actions.filter((a): a is string => typeof a === 'string').map((a) => a.toLowerCase()) : [],
      source: obj.at(at),
    };
  });
  return { value: endpoints, source: obj.at('/notifications/endpoints') };
}

/**
 * http.tls: the registry serves TLS with a certificate file, or with Let's Encrypt when
 * http.tls.letsencrypt.cachefile is set (the registry starts its ACME client only then; a
 * letsencrypt block without a cachefile is ignored and the registry serves plain HTTP). An empty
 * path is no path (the registry checks for ""); both a certificate and a cachefile make the
 * registry refuse to start, and a path that is not a string is refused: broken inputs.
 */
function readTls(obj: SourceObject, v: unknown): Setting<boolean> {
  const cert = get(v, 'http', 'tls', 'certificate');
  const letsencrypt = get(v, 'http', 'tls', 'letsencrypt');
  const cachefile = get(v, 'http', 'tls', 'letsencrypt', 'cachefile');
  if (letsencrypt !== undefined && letsencrypt !== null && !isMapping(letsencrypt)) {
    return broken(obj, '/http/tls/letsencrypt', `http.tls.letsencrypt is ${JSON.stringify(letsencrypt)}`, 'a mapping with cachefile, email and hosts');
  }
  if (cert !== undefined && cert !== null && typeof cert !== 'string') {
    return broken(obj, '/http/tls/certificate', `http.tls.certificate is ${typeof cert}`, 'the path of a certificate file');
  }
  if (cachefile !== undefined && cachefile !== null && typeof cachefile !== 'string') {
    return broken(
      obj,
      '/http/tls/letsencrypt/cachefile',
      `http.tls.letsencrypt.cachefile is ${typeof cachefile}`,
      "the path of the file Let's Encrypt data is cached in",
    );
  }
  const byCertificate = typeof cert === 'string' && cert !== '';
  const byLetsEncrypt = typeof cachefile === 'string' && cachefile !== '';
  if (byCertificate && byLetsEncrypt) {
    return broken(
      obj,
      '/http/tls/letsencrypt/cachefile',
      "http.tls sets both certificate and letsencrypt.cachefile; the registry refuses to start (cannot specify both certificate and Let's Encrypt)",
      'either http.tls.certificate (with key) or http.tls.letsencrypt (with cachefile)',
    );
  }
  if (byCertificate) return { value: true, source: obj.at('/http/tls') };
  if (byLetsEncrypt) return { value: true, source: obj.at('/http/tls/letsencrypt/cachefile') };
  const plain = 'http.tls is absent: the registry serves plain HTTP';
  if (isMapping(letsencrypt)) {
    const why = "http.tls.letsencrypt has no cachefile: the registry starts Let's Encrypt only with one, and serves plain HTTP";
    return cachefile === undefined
      ? { value: false, source: obj.absent('/http/tls/letsencrypt/cachefile', why) }
      : { value: false, source: { ...obj.at('/http/tls/letsencrypt/cachefile'), default: why } };
  }
  if (cert === '')
    return { value: false, source: { ...obj.at('/http/tls/certificate'), default: 'http.tls.certificate is empty: the registry serves plain HTTP' } };
  return { value: false, source: obj.absent(get(v, 'http', 'tls') === undefined ? '/http/tls' : '/http/tls/certificate', plain) };
}

/** Read the settings of a config.yml. A shape the registry itself would refuse is a broken input. */
export function readRegistryConfig(obj: SourceObject): RegistryConfig {
  const v = obj.value;
  const secrets: string[] = [];
  const remote = get(v, 'proxy', 'remoteurl');
  const remoteOrigin = typeof remote === 'string' ? origin(remote) : undefined;
  const legacyLevel = get(v, 'loglevel');
  return {
    auth: readAuth(obj),
    endpoints: readEndpoints(obj, secrets),
    accessLog: (() => {
      const disabled = bool(
        obj,
        '/log/accesslog/disabled',
        get(v, 'log', 'accesslog', 'disabled'),
        false,
        'log.accesslog.disabled is absent: the access log is on',
      );
      return { value: !disabled.value, source: disabled.source };
    })(),
    logLevel:
      get(v, 'log', 'level') === undefined && typeof legacyLevel === 'string'
        ? { value: legacyLevel, source: obj.at('/loglevel') }
        : text(obj, '/log/level', get(v, 'log', 'level'), 'info', 'log.level is absent: info'),
    formatter: text(obj, '/log/formatter', get(v, 'log', 'formatter'), 'text', 'log.formatter is absent: text'),
    deleteEnabled: bool(obj, '/storage/delete/enabled', get(v, 'storage', 'delete', 'enabled'), false, 'storage.delete.enabled is absent: deletes are refused'),
    readOnly: bool(
      obj,
      '/storage/maintenance/readonly/enabled',
      get(v, 'storage', 'maintenance', 'readonly', 'enabled'),
      false,
      'storage.maintenance.readonly is absent: the registry accepts pushes',
    ),
    tls: readTls(obj, v),
    proxy: remoteOrigin ? { value: remoteOrigin.origin, source: obj.at('/proxy/remoteurl') } : undefined,
    secrets,
  };
}

/** The users of an htpasswd file (bcrypt entries only, like the registry). */
export function readHtpasswd(obj: SourceObject): Htpasswd {
  const entries = String(obj.value).trim().split(/\s+/);
  const users: HtpasswdUser[] = [];
  const ignored: string[] = [];
  const hashes: string[] = [];
  for (const e of entries) {
    const [, name, hash] = ENTRY.exec(e)!;
    hashes.push(hash!);
    if (BCRYPT_HASH.test(hash!)) users.push({ name: name!, source: obj.within('', `${name}:`) });
    else ignored.push(name!);
  }
  return { users, ignored, hashes, source: obj.at('') };
}

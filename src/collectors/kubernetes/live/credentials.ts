/**
 * The server and credentials for live mode: a kubeconfig (its current or a named context; client
 * certificates, tokens, exec plugins such as aws eks get-token, read by @kubernetes/client-node,
 * loaded only in live mode), or an endpoint with a bearer token from an environment variable and
 * an optional CA file. Every file is read through util/read-file (a regular file only, never a
 * hang on a FIFO; the size cap; UTF-8 where it is text): the kubeconfig itself and the files its
 * context names (CA, client certificate and key, token file), which are put inline before
 * @kubernetes/client-node sees the kubeconfig, so it reads none of them itself.
 */
import path from 'node:path';
import { InputError } from '../../../errors.js';
import { readRegularFile, readTextFile } from '../../../util/read-file.js';
import { parseSource } from '../../../util/yaml-source.js';
import type { Credentials } from './http.js';

export interface LiveTarget {
  /** API server base URL, without a trailing slash. */
  readonly server: string;
  readonly creds: Credentials;
  /** The same TLS trust without any credential: for the anonymous probe. */
  readonly anonymous: Credentials;
  /** How the credentials were found, for the evidence (never the credential itself). */
  readonly via: string;
}

export class CredentialsError extends Error {
  override readonly name = 'CredentialsError';
  constructor(
    /** Which target setting is wrong: kubeconfig, context, token_env, ca_file or endpoint. */
    readonly setting: 'kubeconfig' | 'context' | 'token_env' | 'ca_file' | 'endpoint',
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

const trimSlash = (s: string) => s.replace(/\/+$/, '');

function checkServer(server: string, setting: 'kubeconfig' | 'endpoint'): string {
  let u: URL;
  try {
    u = new URL(server);
  } catch (e) {
    throw new CredentialsError(setting, `the API server address is not a URL`, { cause: e });
  }
  if (u.protocol !== 'https:' && u.protocol !== 'http:')
    throw new CredentialsError(setting, `the API server address must be https:// (or http:// on loopback), not ${u.protocol}`);
  if (u.username || u.password) throw new CredentialsError(setting, 'the API server address must not carry credentials; use token_env or a kubeconfig user');
  return trimSlash(`${u.protocol}//${u.host}${u.pathname}`);
}

/** endpoint + token_env (+ ca_file). */
export function tokenTarget(endpoint: string, token: string | undefined, tokenEnv: string | undefined, caFile: string | undefined): LiveTarget {
  const server = checkServer(endpoint, 'endpoint');
  if (tokenEnv && !token) throw new CredentialsError('token_env', `environment variable ${tokenEnv} is not set or empty`);
  let ca: Buffer | undefined;
  if (caFile) {
    try {
      // Like every input file: a regular file only (a FIFO is refused, never a hang), size-capped.
      ca = readRegularFile(caFile);
    } catch (e) {
      throw new CredentialsError('ca_file', `cannot read the CA file (${e instanceof InputError ? e.problem : 'error'})`, { cause: e });
    }
  }
  const tls = { ...(ca ? { ca } : {}), rejectUnauthorized: true };
  return {
    server,
    creds: { ...tls, headers: token ? { authorization: `Bearer ${token}` } : {} },
    anonymous: { ...tls, headers: {} },
    via: tokenEnv ? `bearer token from $${tokenEnv}` : 'no credentials',
  };
}

/** An InputError's problem, with its line when it has one. */
function problemOf(e: InputError): string {
  return e.position.line ? `line ${e.position.line}: ${e.problem}` : e.problem;
}

type Entry = Record<string, unknown>;
interface Kubeconfig {
  clusters?: unknown;
  users?: unknown;
  contexts?: unknown;
  'current-context'?: unknown;
}

/** The files a kubeconfig entry may name, and the inline key client-node reads instead. */
const FILE_KEYS = {
  cluster: [{ file: 'certificate-authority', inline: 'certificate-authority-data', what: 'CA file' }],
  user: [
    { file: 'client-certificate', inline: 'client-certificate-data', what: 'client certificate' },
    { file: 'client-key', inline: 'client-key-data', what: 'client key' },
    { file: 'token-file', inline: 'token', what: 'token file' },
  ],
} as const;

const named = (list: unknown, name: unknown): Entry | undefined =>
  Array.isArray(list) ? (list.find((x) => (x as Entry | null)?.name === name) as Entry | undefined) : undefined;

/**
 * The kubeconfig with the files named by the context in use read (bounded, relative to the
 * kubeconfig's folder as kubectl resolves them) and put inline; file references of other entries
 * are dropped (never read: only one context is used). A file that cannot be read is a
 * CredentialsError naming the entry and the file.
 */
function inlineFiles(kubeconfig: Kubeconfig, context: string | undefined, dir: string): Kubeconfig {
  const ctx = (named(kubeconfig.contexts, context ?? kubeconfig['current-context'])?.context ?? {}) as Entry;
  const copy = (list: unknown, kind: keyof typeof FILE_KEYS, inUse: unknown): unknown =>
    Array.isArray(list)
      ? list.map((item: unknown) => {
          const body = (item as Entry | null)?.[kind];
          if (!body || typeof body !== 'object') return item;
          const entry: Entry = { ...(body as Entry) };
          const used = (item as Entry).name === inUse;
          if (kind === 'user') inlineAuthProviderToken(entry, used, dir, String((item as Entry).name));
          for (const k of FILE_KEYS[kind]) {
            const ref = entry[k.file];
            if (typeof ref !== 'string' || ref === '') continue;
            delete entry[k.file];
            if (!used) continue;
            const bytes = readReferenced(path.resolve(dir, ref), `${kind} "${String((item as Entry).name)}"`, k.what);
            entry[k.inline] = k.inline === 'token' ? bytes.toString('utf8').trim() : bytes.toString('base64');
          }
          return { ...(item as Entry), [kind]: entry };
        })
      : list;
  return { ...kubeconfig, clusters: copy(kubeconfig.clusters, 'cluster', ctx.cluster), users: copy(kubeconfig.users, 'user', ctx.user) };
}

/** An auth-provider's tokenFile (client-node's FileAuth): read once, bounded, as the user's token. */
function inlineAuthProviderToken(user: Entry, used: boolean, dir: string, name: string): void {
  const provider = user['auth-provider'] as { config?: Entry } | undefined;
  const ref = provider?.config?.tokenFile;
  if (typeof ref !== 'string') return;
  const { tokenFile: _, ...config } = provider!.config!;
  user['auth-provider'] = { ...provider, config };
  if (used && user.token === undefined)
    user.token = readReferenced(path.resolve(dir, ref), `user "${name}"`, 'auth-provider token file').toString('utf8').trim();
}

function readReferenced(file: string, entry: string, what: string): Buffer {
  try {
    return readRegularFile(file);
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
    throw new CredentialsError('kubeconfig', `cannot read the ${what} of ${entry} in the kubeconfig, ${file} (${e.problem})`, { cause: e });
  }
}

/** A kubeconfig file and optionally one of its contexts. */
export async function kubeconfigTarget(file: string, context: string | undefined, endpoint: string | undefined): Promise<LiveTarget> {
  const { KubeConfig } = await import('./kubeconfig-client.js');
  const kc = new KubeConfig();
  let text: string;
  try {
    // client-node's loadFromFile, through the bounded reader (regular file, size cap, UTF-8).
    const read = readTextFile(file);
    const value = parseSource(read.text, file).value;
    text = value && typeof value === 'object' ? JSON.stringify(inlineFiles(value as Kubeconfig, context, path.dirname(file))) : read.text;
  } catch (e) {
    if (e instanceof CredentialsError) throw e;
    if (e instanceof InputError) throw new CredentialsError('kubeconfig', `cannot read the kubeconfig (${problemOf(e)})`, { cause: e });
    throw e;
  }
  try {
    kc.loadFromString(text);
  } catch (e) {
    throw new CredentialsError('kubeconfig', `cannot read the kubeconfig: ${(e as Error).message.split('\n')[0]}`, { cause: e });
  }
  if (context) {
    if (!kc.getContexts().some((c) => c.name === context))
      throw new CredentialsError(
        'context',
        `the kubeconfig has no context "${context}" (it has: ${
          kc
            .getContexts()
            .map((c) => c.name)
            .join(', ') || 'none'
        })`,
      );
    kc.setCurrentContext(context);
  }
  const cluster = kc.getCurrentCluster();
  if (!cluster) throw new CredentialsError(context ? 'context' : 'kubeconfig', 'the kubeconfig has no current context with a cluster');
  const server = checkServer(endpoint ?? cluster.server, endpoint ? 'endpoint' : 'kubeconfig');
  const opts: {
    ca?: string | Buffer;
    cert?: string | Buffer;
    key?: string | Buffer;
    headers?: Record<string, string>;
    rejectUnauthorized?: boolean;
    servername?: string;
  } = {};
  try {
    await kc.applyToHTTPSOptions(opts as never);
  } catch (e) {
    // exec plugins and token files fail here; their messages name the command, not a secret
    throw new CredentialsError('kubeconfig', `cannot get credentials from the kubeconfig user: ${(e as Error).message.split('\n')[0]}`, { cause: e });
  }
  const tls = {
    ...(opts.ca ? { ca: opts.ca } : {}),
    ...(opts.servername ? { servername: opts.servername } : {}),
    rejectUnauthorized: opts.rejectUnauthorized !== false,
  };
  const user = kc.getCurrentUser();
  return {
    server,
    creds: { ...tls, ...(opts.cert ? { cert: opts.cert } : {}), ...(opts.key ? { key: opts.key } : {}), headers: { ...(opts.headers ?? {}) } },
    anonymous: { ...tls, headers: {} },
    via: `kubeconfig context ${kc.getCurrentContext()} (user ${user?.name ?? 'none'})`,
  };
}

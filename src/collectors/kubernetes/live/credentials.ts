/**
 * The server and credentials for live mode: a kubeconfig (its current or a named context; client
 * certificates, tokens, exec plugins such as aws eks get-token, read by @kubernetes/client-node,
 * loaded only in live mode), or an endpoint with a bearer token from an environment variable and
 * an optional CA file.
 */
import path from 'node:path';
import { InputError } from '../../../errors.js';
import { readRegularFile, readTextFile } from '../../../util/read-file.js';
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

/** A kubeconfig file and optionally one of its contexts. */
export async function kubeconfigTarget(file: string, context: string | undefined, endpoint: string | undefined): Promise<LiveTarget> {
  const { KubeConfig } = await import('@kubernetes/client-node');
  const kc = new KubeConfig();
  try {
    // client-node's loadFromFile, through the bounded reader (regular file, size cap, UTF-8).
    kc.loadFromString(readTextFile(file).text);
    kc.makePathsAbsolute(path.dirname(file));
  } catch (e) {
    if (e instanceof InputError) throw new CredentialsError('kubeconfig', `cannot read the kubeconfig (${e.problem})`, { cause: e });
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

/**
 * Secrets in tool configuration files (client secrets, passwords, bcrypt hashes, tokens, LDAP bind
 * passwords, private keys, the data of Kubernetes Secrets) are found here, so that the kit can
 * remove them from raw captures, parse errors, snapshots and every report (collectAll redacts
 * everything it stores or prints with the values found). Builds on util/redact.ts (token shapes,
 * URL credentials) and adds what configuration files need:
 *
 *  - secretValues(value): every string under a secret-named key (also inside multi-line strings that
 *    are themselves YAML, such as Argo CD's dex.config), every value of a Kubernetes Secret's data
 *    and stringData, and anything shaped like a bcrypt hash; references such as
 *    `$dex.github.clientSecret` name a secret and are kept;
 *  - redactConfigText(text, values): those values removed from the text, plus `key: value` lines
 *    (YAML or JSON) whose key names a secret, for text that did not parse.
 */
import { parseDocument } from 'yaml';
import { isSecretReference, REDACTED, redactText } from '../../util/redact.js';

/**
 * Keys whose values are secrets: clientSecret, bindPW, server.secretkey, admin.password, tls.key, a
 * kubeconfig's client-key-data, S3 accesskey/secretkey and secret_access_key (S3, Loki), Azure
 * accountkey/account_key, a GCS service_account JSON key, an Authorization header, ... An access
 * key's id (accesskey, access_key, access_key_id) is kept out of every output like its secret.
 */
const SECRET_KEY =
  /(pass(word)?|passwd|pw|secret|secret[_.-]?key|secret[_.-]?access[_.-]?key|token|api[_-]?key|private[_-]?key|credentials?|\.key|key-data|clientsecret|salt|access[_.-]?key([_.-]?id)?|account[_.-]?key|service[_.-]?account|authorization)s?$/i;
/**
 * A bcrypt hash: its scheme and cost ($2y$05$, how strong it is) stay as evidence and so that a
 * redacted htpasswd still reads as bcrypt entries; the salt and hash (53 characters) are the secret.
 */
const BCRYPT = /(\$2[abxy]?\$\d{2}\$)([./A-Za-z0-9]{53})/g;

/** The secret part of a bcrypt hash (salt and hash), or the whole value when it is not one. */
export function hashSecret(hash: string): string {
  const m = /^\$2[abxy]?\$\d{2}\$([./A-Za-z0-9]{53})$/.exec(hash);
  return m ? m[1]! : hash;
}
/** Values shorter than this are removed only where a secret-named key introduces them (line rule). */
const MIN_GLOBAL = 4;

export function isSecretKey(key: string): boolean {
  return SECRET_KEY.test(key);
}

function isSecretValue(v: string): boolean {
  return v.trim() !== '' && !isSecretReference(v);
}

/** Every secret string inside a parsed YAML/JSON value. */
export function secretValues(value: unknown): string[] {
  const out = new Set<string>();
  // 'key': under a secret-named key, whose strings (and lists of strings) are secrets but whose
  // nested mappings are settings judged by their own keys (Distribution's auth.token: {realm, ...});
  // 'all': everything inside is a secret (a Kubernetes Secret's data).
  const walk = (v: unknown, secretContext: false | 'key' | 'all', depth: number): void => {
    if (depth > 64) return;
    if (typeof v === 'string') {
      if (secretContext && isSecretValue(v)) out.add(v);
      for (const m of v.matchAll(BCRYPT)) out.add(m[2]!);
      // A multi-line string is often embedded YAML (dex.config, oidc.config): look inside.
      if (v.includes('\n') && /:\s/.test(v)) {
        try {
          const inner = parseDocument(v, { prettyErrors: false });
          if (inner.errors.length === 0) walk(inner.toJS({ maxAliasCount: 100 }), false, depth + 1);
        } catch {
          // not YAML: the line rule in redactConfigText still applies
        }
        for (const line of v.split('\n')) {
          const m = /^\s*-?\s*["']?([A-Za-z0-9_.-]+)["']?\s*[:=]\s*["']?([^"'\s#][^"'#]*?)["']?\s*(#.*)?$/.exec(line);
          if (m && isSecretKey(m[1]!) && isSecretValue(m[2]!) && !/^[|>]/.test(m[2]!)) out.add(m[2]!);
        }
      }
      return;
    }
    if (Array.isArray(v)) {
      for (const x of v) walk(x, secretContext, depth + 1);
      return;
    }
    if (v && typeof v === 'object') {
      const obj = v as Record<string, unknown>;
      const k8sSecret = obj.kind === 'Secret';
      // a name/value pair whose name says it is a secret: a container's env (ETCD_PASSWORD), Helm extraEnv
      if (typeof obj.name === 'string' && isSecretKey(obj.name) && typeof obj.value === 'string' && isSecretValue(obj.value)) out.add(obj.value);
      for (const [k, x] of Object.entries(obj)) {
        const all = secretContext === 'all' || (k8sSecret && (k === 'data' || k === 'stringData'));
        walk(x, all ? 'all' : isSecretKey(k) ? 'key' : false, depth + 1);
      }
    }
  };
  walk(value, false, 0);
  return [...out];
}

/**
 * Text with the given secret values and every `key: value` of a secret-named key replaced by
 * [REDACTED] (block scalars under such a key included), then util/redact's token shapes.
 */
export function redactConfigText(text: string, values: readonly string[] = []): string {
  let out = text;
  for (const v of [...values].sort((a, b) => b.length - a.length)) {
    if (v.length >= MIN_GLOBAL) out = out.split(v).join(REDACTED);
    // the same value as it appears inside a JSON string
    const escaped = JSON.stringify(v).slice(1, -1);
    if (escaped !== v && escaped.length >= MIN_GLOBAL) out = out.split(escaped).join(REDACTED);
  }
  out = out.replace(BCRYPT, `$1${REDACTED}`);
  const lines = out.split('\n');
  let blockIndent = -1;
  // the line of the last `name: <secret-named>` (env entries: the value follows within the item)
  let secretName = -10;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const pair = /^(\s*-?\s*)(["']?)(name|value)\2(\s*:\s*)(.*)$/.exec(line);
    if (pair?.[3] === 'name') {
      const named = pair[5]!
        .replace(/,$/, '')
        .trim()
        .replace(/^["']|["']$/g, '');
      if (isSecretKey(named)) secretName = i;
    } else if (pair?.[3] === 'value' && i - secretName <= 2) {
      const value = pair[5]!.trim();
      if (value !== '' && !/^[|>]/.test(value)) {
        const quote = value.startsWith('"') ? '"' : value.startsWith("'") ? "'" : '';
        lines[i] = `${pair[1]}${pair[2]}value${pair[2]}${pair[4]}${quote}${REDACTED}${quote}${value.endsWith(',') ? ',' : ''}`;
        continue;
      }
    }
    const indent = line.length - line.trimStart().length;
    if (blockIndent >= 0) {
      if (line.trim() === '' || indent > blockIndent) {
        if (line.trim() !== '') lines[i] = `${' '.repeat(indent)}${REDACTED}`;
        continue;
      }
      blockIndent = -1;
    }
    // `key: value` (YAML, JSON) or `key = value` (HCL, INI); a Ruby `"key" => value` is the inline rule's
    const m = /^(\s*-?\s*)(["']?)([A-Za-z0-9_.-]+)\2(\s*(?::|=(?!>))\s*)(.*)$/.exec(line);
    if (!m || !isSecretKey(m[3]!)) continue;
    const value = m[5]!.trim();
    if (value === '' || value === '{}' || value === '[]' || value === 'null') continue;
    if (/^[|>][-+0-9]*\s*(#.*)?$/.test(value)) {
      blockIndent = indent;
      continue;
    }
    const bare = value.replace(/,$/, '').replace(/^["']|["']$/g, '');
    if (isSecretReference(bare) || bare === REDACTED) continue;
    const quote = value.startsWith('"') ? '"' : value.startsWith("'") ? "'" : '';
    lines[i] = `${m[1]}${m[2]}${m[3]}${m[2]}${m[4]}${quote}${REDACTED}${quote}${value.endsWith(',') ? ',' : ''}`;
  }
  return redactText(lines.map(redactInlinePairs).join('\n'), values);
}

/**
 * A secret-named key inside a line, where the line rule does not look: Ruby assignments
 * (`gitlab_rails['db_password'] = "x"`), Ruby hashes (`"app_secret" => "x"`), flow mappings and
 * one-line JSON (`{ client_secret: 'x' }`, `{"token": "x"}`). Values that only refer to a secret
 * (ENV[...], nil, and what util/redact's isSecretReference calls a reference: ${VAR}, $key.path) are kept.
 */
const INLINE_PAIR = /(\[?)(["']?)([A-Za-z_][\w.-]*)\2(\]?\s*(?::|=>|=)\s*)("(?:[^"\\]|\\.)*"|'[^']*'|[^\s,}\]]+)/g;
const INLINE_REFERENCE = /^(?:[|>][-+0-9]*|ENV\b.*|nil|null|true|false|~|""|'')$/;

function redactInlinePairs(line: string): string {
  return line.replace(INLINE_PAIR, (all, open: string, q: string, key: string, sep: string, value: string) =>
    isSecretKey(key) && !value.includes(REDACTED.slice(0, -1)) && !INLINE_REFERENCE.test(value) && !isSecretReference(value)
      ? `${open}${q}${key}${q}${sep}"${REDACTED}"`
      : all,
  );
}

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
import { REDACTED, redactText } from '../../util/redact.js';

/** Keys whose values are secrets: clientSecret, bindPW, server.secretkey, admin.password, tls.key, ... */
// Also the object-store keys of log stores: secret_access_key (S3, Loki), account_key (Azure),
// service_account (a GCS JSON key).
const SECRET_KEY =
  /(pass(word)?|passwd|pw|secret|secret[_.-]?key|secret[_.-]?access[_.-]?key|account[_.-]?key|service[_.-]?account|token|api[_-]?key|private[_-]?key|credentials?|\.key|clientsecret|salt)s?$/i;
const BCRYPT = /\$2[abxy]?\$\d{2}\$[./A-Za-z0-9]{53}/g;
/** Argo CD style references to a Secret's key: `$name` or `$secret:key`; not a secret themselves. */
const REFERENCE = /^\$[A-Za-z0-9_.-]+(:[A-Za-z0-9_.-]+)?$/;
/** Values shorter than this are removed only where a secret-named key introduces them (line rule). */
const MIN_GLOBAL = 4;

export function isSecretKey(key: string): boolean {
  return SECRET_KEY.test(key);
}

function isSecretValue(v: string): boolean {
  return v.trim() !== '' && !REFERENCE.test(v.trim());
}

/** Every secret string inside a parsed YAML/JSON value. */
export function secretValues(value: unknown): string[] {
  const out = new Set<string>();
  const walk = (v: unknown, secretContext: boolean, depth: number): void => {
    if (depth > 64) return;
    if (typeof v === 'string') {
      if (secretContext && isSecretValue(v)) out.add(v);
      for (const m of v.matchAll(BCRYPT)) out.add(m[0]);
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
      for (const [k, x] of Object.entries(obj)) {
        walk(x, secretContext || isSecretKey(k) || (k8sSecret && (k === 'data' || k === 'stringData')), depth + 1);
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
  out = out.replace(BCRYPT, REDACTED);
  const lines = out.split('\n');
  let blockIndent = -1;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const indent = line.length - line.trimStart().length;
    if (blockIndent >= 0) {
      if (line.trim() === '' || indent > blockIndent) {
        if (line.trim() !== '') lines[i] = `${' '.repeat(indent)}${REDACTED}`;
        continue;
      }
      blockIndent = -1;
    }
    const m = /^(\s*-?\s*)(["']?)([A-Za-z0-9_.-]+)\2(\s*:\s*)(.*)$/.exec(line);
    if (!m || !isSecretKey(m[3]!)) continue;
    const value = m[5]!.trim();
    if (value === '' || value === '{}' || value === '[]' || value === 'null') continue;
    if (/^[|>][-+0-9]*\s*(#.*)?$/.test(value)) {
      blockIndent = indent;
      continue;
    }
    const bare = value.replace(/,$/, '').replace(/^["']|["']$/g, '');
    if (REFERENCE.test(bare) || bare === REDACTED) continue;
    const quote = value.startsWith('"') ? '"' : value.startsWith("'") ? "'" : '';
    lines[i] = `${m[1]}${m[2]}${m[3]}${m[2]}${m[4]}${quote}${REDACTED}${quote}${value.endsWith(',') ? ',' : ''}`;
  }
  return redactText(lines.join('\n'), values);
}

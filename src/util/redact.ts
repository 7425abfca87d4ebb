/**
 * Secret redaction, applied to every snapshot and raw capture before anything is stored, and to
 * every line auditready prints (errors included). Conservative: it redacts
 *
 * - by value: the tokens the run knows (the values of every target's token_env, registered with
 *   registerSecrets) and known token shapes (GitHub, GitLab, AWS, Slack, Vault, JWT, PEM keys,
 *   Jenkins' encrypted {AQAAAB...} secrets);
 * - by context: URL credentials (also with "/" or "@" in the password, and user:pass@host without
 *   a scheme), secret query parameters (?token=, ?api_key=, ...), `password=`/`token: ...` in free
 *   text, JSON members named like secrets, bearer tokens (a reference such as Argo CD's
 *   `$oidc.okta.clientSecret` or JCasC's `${VAR}` names a secret and is kept);
 * - by key: values under secret-named keys in structured data (redactDeep).
 */

export const REDACTED = '[REDACTED]';

/** Jenkins secrets encrypted with the controller's key ({AQAAAB...}): secrets whatever key holds them. */
export const JENKINS_SECRET = /\{AQAAAB[A-Za-z0-9+/=]+\}/g;

const TOKEN_PATTERNS: readonly RegExp[] = [
  JENKINS_SECRET,
  /\bgh[pousr]_[A-Za-z0-9]{20,}\b/g, // GitHub classic, OAuth, user-to-server, server-to-server, refresh
  /\bgithub_pat_[A-Za-z0-9_]{20,}\b/g, // GitHub fine-grained
  /\bglpat-[A-Za-z0-9_-]{20,}\b/g, // GitLab
  /\b(?:AKIA|ASIA)[A-Z0-9]{16}\b/g, // AWS access key id
  /\bxox[abposr]-[A-Za-z0-9-]{10,}\b/g, // Slack
  /\b(?:hvs|hvb|s)\.[A-Za-z0-9]{24,}\b/g, // Vault/OpenBao tokens
  /\beyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}\b/g, // JWT
  /-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?-----END [A-Z ]*PRIVATE KEY-----/g,
];

/** Names of keys and parameters that hold secrets. */
const SECRET_NAME =
  '(?:pass(?:word|wd|phrase)?|pwd|secret|client[_-]?secret|token|access[_-]?token|refresh[_-]?token|auth[_-]?token|api[_-]?key|apikey|access[_-]?key|secret[_-]?key|private[_-]?key|credentials?|session|signature|sig|x-amz-signature|x-amz-credential)';

/** scheme://userinfo@host where the userinfo has no "/" (the password may hold "@": the last one before the host counts). */
const URL_USERINFO = /\b([a-z][a-z0-9+.-]*:\/\/)[^\s/?#"'<>`]*@(?=[^\s@/?#"'<>`]+)/gi;
/** scheme://user:password@host where the password holds "/" (not a port: host:8080/path@x stays). */
const URL_PASSWORD_SLASH =
  /\b([a-z][a-z0-9+.-]*:\/\/)[^\s/?#:@"'<>`]+:(?!\d+(?:[/?#\s"'<>`]|$))[^\s"'<>`]*?@(?=[A-Za-z0-9[][A-Za-z0-9.\-\]:]*(?:[/?#\s"'<>`,;)]|$))/gi;
/** user:password@host.domain without a scheme (git remotes, connection strings in free text). */
const BARE_USERINFO =
  /(^|[\s"'=(,;[{])[A-Za-z0-9._%+-]+:(?!\/\/)[^\s"'<>`]+?@(?=(?:[A-Za-z0-9-]+\.)+[A-Za-z]{2,}(?::\d+)?(?:[/:\s"'<>`,;)\]}]|$)|localhost(?::\d+)?(?:[/\s"'<>`,;)\]}]|$)|\d{1,3}(?:\.\d{1,3}){3}(?::\d+)?(?:[/\s"'<>`,;)\]}]|$))/gm;
/** ?token=... &api_key=... &private_token=... in URLs: any parameter whose name ends like a secret's. */
const SECRET_QUERY = /([?&;][A-Za-z0-9_.-]*?(?:token|secret|pass(?:word|wd)?|pwd|api[_-]?key|apikey|key|signature|sig|credential)=)[^&#\s"'<>`]+/gi;
/** A value assigned to a secret-named key (a quoted value whole). */
const VALUE = String.raw`("[^"\n]*"|'[^'\n]*'|[^\s,;&"'<>\x60]+)`;
/** password=... anywhere in free text (and INI/env lines). */
const SECRET_ASSIGNMENT = new RegExp(String.raw`(\b${SECRET_NAME}\s*=\s*)${VALUE}`, 'gi');
/**
 * password: ... as a YAML key (at the start of a line, after "- ", "{" or ","); in prose ("not
 * available to this token: GitHub answered") a colon after the word is not an assignment.
 */
const SECRET_YAML_KEY = new RegExp(String.raw`((?:^[ \t]*(?:-[ \t]+)?|[{,][ \t]*)${SECRET_NAME}[ \t]*:[ \t]+)${VALUE}`, 'gim');
/** "password": "..." in JSON text. */
const SECRET_JSON_MEMBER = new RegExp(String.raw`("${SECRET_NAME}"\s*:\s*)"(?:[^"\\]|\\.)*"`, 'gi');
const BEARER = /\b(Bearer|token|Basic)\s+[A-Za-z0-9._~+/-]{16,}=*/gi;
/** Keys whose values are secrets (structured data): a suffix, so github_token and dbPassword count. */
const SECRET_KEY = /(pass(word|wd|phrase)?|secret|token|api[_-]?key|apikey|access[_-]?key|private[_-]?key|credential|signature)s?$/i;

/**
 * A reference to a secret is not a secret: Argo CD's `$oidc.okta.clientSecret` (a key of
 * argocd-secret) or `$secret-name:key`, and JCasC's `${VAR}` or `${readFile:/run/secrets/x}`
 * (substituted when Jenkins loads the file) name where the secret is kept, and are evidence. A dot
 * or colon (or the braces) is required, so a password that merely starts with "$" is not taken for one.
 */
const SECRET_REFERENCE = /^\$(?:\{[^}]+\}|[A-Za-z0-9_-]+(?:(?:\.[A-Za-z0-9_-]+)+|:[A-Za-z0-9_.-]+))$/;

/** Whether a value (quotes and surrounding space aside) is a reference to a secret, not a secret. */
export function isSecretReference(value: string): boolean {
  return SECRET_REFERENCE.test(value.trim().replace(/^(["'])(.*)\1$/, '$2'));
}

/** Values the run knows are secret (token_env values): redacted wherever they appear. */
const registered = new Set<string>();

/** Register secret values (the tokens from token_env): every later redactText removes them. */
export function registerSecrets(values: Iterable<string | undefined>): void {
  for (const v of values) if (v && v.length >= 4) registered.add(v);
}

/** Forget registered secrets (tests). */
export function clearSecrets(): void {
  registered.clear();
}

/** A value that is redacted already, empty, or a reference to a secret: keep as is. */
function assignment(_m: string, key: string, value: string): string {
  return value === REDACTED || value === `"${REDACTED}"` || value.length === 0 || isSecretReference(value) ? `${key}${value}` : `${key}${REDACTED}`;
}

export function redactText(text: string, extra: readonly string[] = []): string {
  let out = text;
  const secrets = [...registered, ...extra].filter((s) => s.length >= 4).sort((a, b) => b.length - a.length);
  // only where it occurs: a split and join of a large capture is two more copies of it
  for (const secret of secrets) if (out.includes(secret)) out = out.split(secret).join(REDACTED);
  for (const re of TOKEN_PATTERNS) out = out.replace(re, REDACTED);
  out = out.replace(URL_PASSWORD_SLASH, `$1${REDACTED}@`);
  out = out.replace(URL_USERINFO, (m, scheme: string) => (m.slice(scheme.length) === `${REDACTED}@` ? m : `${scheme}${REDACTED}@`));
  out = out.replace(BARE_USERINFO, `$1${REDACTED}@`);
  out = out.replace(SECRET_QUERY, `$1${REDACTED}`);
  out = out.replace(SECRET_JSON_MEMBER, `$1"${REDACTED}"`);
  out = out.replace(SECRET_ASSIGNMENT, assignment);
  out = out.replace(SECRET_YAML_KEY, assignment);
  out = out.replace(BEARER, `$1 ${REDACTED}`);
  return out;
}

/** Redact every string in a JSON-like value; values under secret-named keys become REDACTED. */
export function redactDeep<T>(value: T, extra: readonly string[] = [], options: { byKey?: boolean } = {}): T {
  return walk(value, extra, false, options.byKey ?? true) as T;
}

/**
 * Redact a normalized snapshot. Its keys are the model's (or data, like event class names:
 * a class called "secrets" is not a secret), so only values are scanned; the free-form
 * provenance in source.details is also redacted by key name.
 */
export function redactSnapshot<T extends { source: { details?: Record<string, unknown> } }>(snapshot: T, extra: readonly string[] = []): T {
  const out = redactDeep(snapshot, extra, { byKey: false });
  if (snapshot.source.details) out.source.details = redactDeep(snapshot.source.details, extra);
  return out;
}

function walk(v: unknown, extra: readonly string[], secretKey: boolean, byKey: boolean): unknown {
  if (typeof v === 'string') return secretKey && v.length > 0 ? REDACTED : redactText(v, extra);
  if (Array.isArray(v)) return v.map((x) => walk(x, extra, secretKey, byKey));
  if (v && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) out[k] = walk(x, extra, byKey && SECRET_KEY.test(k), byKey);
    return out;
  }
  return v;
}

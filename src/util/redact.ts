/**
 * Secret redaction, applied to every snapshot and raw capture before anything is stored or
 * printed. Conservative: it redacts known token shapes, URL credentials and values of keys
 * that name secrets.
 */

export const REDACTED = '[REDACTED]';

const TOKEN_PATTERNS: readonly RegExp[] = [
  /\bgh[pousr]_[A-Za-z0-9]{20,}\b/g, // GitHub classic, OAuth, user-to-server, server-to-server, refresh
  /\bgithub_pat_[A-Za-z0-9_]{20,}\b/g, // GitHub fine-grained
  /\bglpat-[A-Za-z0-9_-]{20,}\b/g, // GitLab
  /\b(?:AKIA|ASIA)[A-Z0-9]{16}\b/g, // AWS access key id
  /\bxox[abposr]-[A-Za-z0-9-]{10,}\b/g, // Slack
  /\b(?:hvs|hvb|s)\.[A-Za-z0-9]{24,}\b/g, // Vault/OpenBao tokens
  /\beyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}\b/g, // JWT
  /-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?-----END [A-Z ]*PRIVATE KEY-----/g,
];

const URL_CREDENTIALS = /\b([a-z][a-z0-9+.-]*:\/\/)([^\s/@:]+)(?::[^\s/@]*)?@/gi;
const BEARER = /\b(Bearer|token)\s+[A-Za-z0-9._~+/-]{16,}=*/gi;
const SECRET_KEY = /(pass(word)?|secret|token|api[_-]?key|private[_-]?key|credential)s?$/i;

export function redactText(text: string, extra: readonly string[] = []): string {
  let out = text;
  for (const secret of extra) {
    if (secret.length >= 4) out = out.split(secret).join(REDACTED);
  }
  for (const re of TOKEN_PATTERNS) out = out.replace(re, REDACTED);
  out = out.replace(URL_CREDENTIALS, `$1${REDACTED}@`);
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

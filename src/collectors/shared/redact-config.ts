/**
 * Line-preserving redaction of configuration text (YAML, JSON, Ruby `gitlab.rb`) before it is
 * stored as a raw capture or quoted in an error. It works on lines, not on a parse tree, so it
 * also reaches configuration embedded as strings (JCasC inside Helm values, LDAP YAML inside a
 * Ruby heredoc) and text that does not parse at all. Line numbers never move: evidence that points
 * at `casc.yaml:14` still points at the same line of the redacted copy.
 */
import { REDACTED, redactText } from '../../util/redact.js';

/**
 * Key names whose values are secrets: passwords, tokens, client secrets, private and access keys.
 * Names ending in Id, Url, File or Path name a secret without holding one and are left alone
 * (`credentialsId`, `tokenServerUrl`, `passwordFile`).
 */
export const SECRET_KEY_NAME = /(pass(?:word|wd|phrase)?|secret|token|private_?key|api_?key|access_?key|secret_?key|credentials?)$/i;

/** Jenkins secrets encrypted with the controller key ({AQAAAB...}), base64 of the version byte and lengths. */
const JENKINS_SECRET = /\{AQAAAB[A-Za-z0-9+/=]+\}/g;
/** bcrypt hashes, with or without Jenkins' #jbcrypt: prefix. */
const BCRYPT = /(?:#jbcrypt:)?\$2[abxy]?\$\d{2}\$[./A-Za-z0-9]{53}/g;

/** A key-value line: YAML `key: value`, `- key: value`, JSON `"key": value`, Ruby `['key'] = value`, `"key" => value`, `key: value`. */
const KEY_VALUE = /^(\s*(?:-\s+)?(?:[A-Za-z_][\w]*\[)?(["']?)([A-Za-z_][\w.-]*)\2\]?\s*(?::|=>|=)\s*)(.*)$/;
/** A value that only refers to a secret held elsewhere: ${VAR}, ENV['X'], File.read(...), nil/null/empty. */
const REFERENCE_ONLY =
  /^(?:["']?\$\{[^}]*\}["']?|ENV\[[^\]]+\]|ENV\.fetch\([^)]*\)|File\.read\([^)]*\)(?:\.\w+)*|nil|null|~|""|''|\[REDACTED\])?\s*,?\s*(?:#.*)?$/;
/** A YAML block scalar indicator (| or >, with chomping/indentation indicators). */
const BLOCK_SCALAR = /^[|>][-+0-9]*\s*(?:#.*)?$/;

function isSecretKey(key: string): boolean {
  return SECRET_KEY_NAME.test(key) && !/(?:Id|_id|Url|_url|File|_file|Path|_path|Name|_name)$/.test(key);
}

function indentOf(line: string): number {
  return line.length - line.trimStart().length;
}

/** Redact secrets in configuration text, keeping every line where it was. */
export function redactConfigText(text: string, extra: readonly string[] = []): string {
  const lines = text.split('\n');
  const out: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const m = KEY_VALUE.exec(line);
    if (!m || !isSecretKey(m[3]!)) {
      out.push(redactInline(line));
      continue;
    }
    const value = m[4]!.trim();
    if (REFERENCE_ONLY.test(value)) {
      out.push(line);
      continue;
    }
    if (BLOCK_SCALAR.test(value)) {
      // A multi-line YAML value: blank every following line indented deeper than the key.
      out.push(line);
      const keyIndent = indentOf(line);
      while (i + 1 < lines.length) {
        const next = lines[i + 1]!;
        if (next.trim() !== '' && indentOf(next) <= keyIndent) break;
        i++;
        out.push(next.trim() === '' ? next : `${' '.repeat(indentOf(next))}${REDACTED}`);
      }
      continue;
    }
    // Keep a trailing comma (Ruby/JSON lists) so the redacted copy still reads as a list.
    const comma = /,\s*$/.test(value) ? ',' : '';
    out.push(`${m[1]!.trimEnd()} "${REDACTED}"${comma}`);
  }
  return redactSecretShapes(out.join('\n'), extra);
}

/** A secret-named key inside a line: flow mappings, one-line JSON, Ruby hashes (`{ client_secret: 'x' }`, `"token": "x"`). */
const INLINE = /(["']?)([A-Za-z_][\w.-]*)\1(\s*(?::|=>)\s*)("(?:[^"\\]|\\.)*"|'[^']*'|[^,}\]\s]+)/g;

function redactInline(line: string): string {
  return line.replace(INLINE, (all, q: string, key: string, sep: string, value: string) =>
    isSecretKey(key) && !REFERENCE_ONLY.test(value) ? `${q}${key}${q}${sep}"${REDACTED}"` : all,
  );
}

/** Secret shapes that are recognizable without their key: Jenkins {AQAAAB...} values, bcrypt hashes, tokens, URL credentials. */
export function redactSecretShapes(text: string, extra: readonly string[] = []): string {
  return redactText(text.replace(JENKINS_SECRET, REDACTED).replace(BCRYPT, REDACTED), extra);
}

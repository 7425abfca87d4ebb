/**
 * Splunk .conf files (indexes.conf): `[stanza]` headers, `key = value` lines, `#` comments, a
 * trailing backslash continuing a value on the next line; settings before the first stanza belong
 * to [default]. Also `splunk btool indexes list --debug` output, whose lines start with the file
 * each setting came from ("/opt/splunk/etc/system/local/indexes.conf   frozenTimePeriodInSecs = ..."):
 * that file is kept as the setting's origin. Every value keeps its line for the evidence.
 */
import type { SourceDocument } from '../../util/yaml-source.js';
import { inputError } from '../log-store/errors.js';

interface ConfValue {
  readonly value: string;
  readonly line: number;
  /** The file btool says the setting came from. */
  readonly origin?: string;
}

interface ConfStanza {
  readonly name: string;
  readonly line: number;
  readonly settings: ReadonlyMap<string, ConfValue>;
}

export interface ConfFile {
  readonly file: string;
  readonly stanzas: ReadonlyMap<string, ConfStanza>;
}

// btool --debug: an absolute path ending in .conf, then spaces, then the line itself.
const BTOOL = /^(\/\S+\.conf|[A-Za-z]:\\\S+\.conf)\s+(.*)$/;

export function parseConf(text: string, file: string): ConfFile {
  const stanzas = new Map<string, { name: string; line: number; settings: Map<string, ConfValue> }>();
  const open = (name: string, line: number) => {
    let s = stanzas.get(name);
    if (!s) {
      s = { name, line, settings: new Map() };
      stanzas.set(name, s);
    }
    return s;
  };
  let current = open('default', 1);
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const lineNo = i + 1;
    let raw = lines[i]!;
    let origin: string | undefined;
    const b = BTOOL.exec(raw);
    if (b) {
      origin = b[1];
      raw = b[2]!;
    }
    // A trailing backslash continues the value on the next line.
    while (/\\$/.test(raw) && i + 1 < lines.length) {
      raw = `${raw.slice(0, -1)}\n${lines[++i]!}`;
    }
    const line = raw.trim();
    if (line === '' || line.startsWith('#') || line.startsWith(';')) continue;
    const stanza = /^\[(.*)\]$/.exec(line);
    if (stanza) {
      current = open(stanza[1]!.trim() || 'default', lineNo);
      continue;
    }
    const eq = line.indexOf('=');
    if (eq <= 0)
      inputError(
        { file, line: lineNo },
        `"${line.length > 60 ? `${line.slice(0, 60)}...` : line}" is neither [stanza] nor key = value`,
        'a Splunk .conf file (indexes.conf)',
      );
    const key = line.slice(0, eq).trim();
    const value = line.slice(eq + 1).trim();
    current.settings.set(key, { value, line: lineNo, ...(origin ? { origin } : {}) });
  }
  return { file, stanzas };
}

/** Whether a text looks like a Splunk .conf file (a stanza header or key = value on its first content line). */
export function looksLikeConf(text: string): boolean {
  const first = text.split(/\r?\n/).find((l) => {
    const t = l.replace(BTOOL, '$2').trim();
    return t !== '' && !t.startsWith('#');
  });
  if (!first) return false;
  const t = first.replace(BTOOL, '$2').trim();
  return /^\[[^\]]*\]$/.test(t) || /^[A-Za-z_][\w.:-]*\s*=/.test(t);
}

/**
 * A parsed .conf as a document the kit's files mode reads: the value is
 * `{splunk_conf: {<stanza>: {<key>: value}}, btool_origins?: {<stanza>: {<key>: file}}}`, and
 * every pointer into it locates the stanza or setting line.
 */
export function confDocument(conf: ConfFile, text: string): SourceDocument {
  const stanzas: Record<string, Record<string, string>> = {};
  const origins: Record<string, Record<string, string>> = {};
  for (const [name, s] of conf.stanzas) {
    stanzas[name] = Object.fromEntries([...s.settings].map(([k, v]) => [k, v.value]));
    const from = Object.fromEntries([...s.settings].filter(([, v]) => v.origin).map(([k, v]) => [k, v.origin!]));
    if (Object.keys(from).length) origins[name] = from;
  }
  const locate = (pointer: string) => {
    const [, top, stanza, key] = pointer.split('/').map((x) => x.replace(/~1/g, '/').replace(/~0/g, '~'));
    const s = top === 'splunk_conf' || top === 'btool_origins' ? conf.stanzas.get(stanza ?? '') : undefined;
    const line = (key !== undefined ? s?.settings.get(key)?.line : undefined) ?? s?.line ?? 1;
    return { line, col: 1 };
  };
  return {
    file: conf.file,
    text,
    value: { splunk_conf: stanzas, ...(Object.keys(origins).length ? { btool_origins: origins } : {}) },
    locate,
    locateText: (pointer) => locate(pointer),
  };
}

/**
 * Reads Jenkins Configuration-as-Code from the files teams have: a JCasC YAML file (one or
 * several documents), a Helm values file of the jenkinsci/helm-charts `jenkins` chart that embeds
 * JCasC as strings under `controller.JCasC.configScripts.<name>: |`, or a Kubernetes ConfigMap
 * holding JCasC files. Every JCasC document keeps a way back to the line of the file it came
 * from, also for embedded strings (a literal block maps line for line). Nothing here decides a
 * fact; it only finds and locates.
 */
import { LineCounter, type Document, type Node, parseAllDocuments, parseDocument, Scalar } from 'yaml';
import { InputError, ToolInputError } from '../../errors.js';
import { decodePointer, locateIn, parseGuarded, yamlValue } from '../../util/yaml-source.js';
import { redactConfigText } from '../kit/redact.js';

/**
 * Where a value was read (a FactSource of the model): the file, its line and column, and the JSON
 * pointer. For JCasC embedded in a string, the pointer is the string's pointer in the file followed
 * by the pointer inside the embedded document (/controller/JCasC/configScripts/security/jenkins/...),
 * and the line is the file's. `default` marks a value the file does not hold: the documented default.
 */
export interface Located {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly pointer: string;
  readonly default?: string;
}

/** One JCasC document (the root mapping with jenkins:, unclassified:, security: ...). */
export interface CascDoc {
  readonly file: string;
  readonly value: Record<string, unknown>;
  /** A short label for messages: the file, and where inside it the document was embedded. */
  readonly label: string;
  at(pointer: string): Located;
}

/** What kind of file this was; each kind reads the same JCasC facts. */
export type CascFileKind = 'jcasc' | 'helm-values' | 'configmap';

export interface CascFile {
  readonly kind: CascFileKind;
  readonly file: string;
  readonly docs: readonly CascDoc[];
}

/** JCasC's root elements (configuration-as-code-plugin RootElementConfigurator names). */
const CASC_ROOTS = ['jenkins', 'unclassified', 'security', 'credentials', 'tool', 'jobs', 'appearance', 'globalCredentialsConfiguration'] as const;

/** The chart's defaults (jenkinsci/helm-charts charts/jenkins values.yaml, chart 5.x) that apply when a values file leaves them out. */
const HELM_DEFAULTS = {
  adminUsername: 'admin',
  securityRealm: `local:
  allowsSignup: false
  enableCaptcha: false
  users:
  - id: "\${chart-admin-username}"
    name: "Jenkins Admin"
    password: "\${chart-admin-password}"`,
  authorizationStrategy: `loggedInUsersCanDoAnything:
  allowAnonymousRead: false`,
  security: { apiToken: { creationOfLegacyTokenEnabled: false, tokenGenerationOnCreationEnabled: false, usageStatisticsEnabled: true } },
} as const;

const HELM_SOURCE = 'jenkinsci/helm-charts charts/jenkins values.yaml (chart 5.x)';

function isRecord(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function encode(seg: string): string {
  return seg.replace(/~/g, '~0').replace(/\//g, '~1');
}

/** A YAML parse error as a ToolInputError at the file's line, with nothing of the line's content. */
function yamlError(
  doc: Document,
  lc: LineCounter,
  file: string,
  mapLine: (l: number, c: number) => { line: number; col: number },
  what: string,
): ToolInputError | undefined {
  const err = doc.errors[0];
  if (!err) return undefined;
  const pos = lc.linePos(err.pos[0]);
  const { line, col } = mapLine(pos.line, pos.col);
  // The yaml library's first message line names the problem; the lines after it quote the source.
  const message = redactConfigText(err.message.split('\n')[0]?.replace(/ at line \d+, column \d+:?$/, '') ?? 'invalid YAML');
  return new ToolInputError({ file, line, col }, `invalid YAML in ${what}: ${message}`);
}

/**
 * util/yaml-source's guards (a YAML alias bomb, absurd nesting) for YAML read here: their
 * InputError becomes this tool's ToolInputError at the file's line.
 */
function guarded<T>(file: string, what: string, mapLine: (l: number, c: number) => { line: number; col: number }, read: () => T): T {
  try {
    return read();
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
    const { line, col } = mapLine(e.position.line ?? 1, e.position.col ?? 1);
    throw new ToolInputError({ file, line, col }, `invalid YAML in ${what}: ${e.problem.replace(/^invalid YAML(\/JSON)?: /, '')}`, { cause: e });
  }
}

interface ParsedYaml {
  readonly doc: Document;
  readonly lc: LineCounter;
  readonly value: unknown;
  /** The whole text the document was parsed from (for a multi-document file, the whole file). */
  readonly text: string;
}

function parseOne(text: string, file: string, what: string, mapLine: (l: number, c: number) => { line: number; col: number }): ParsedYaml {
  const lc = new LineCounter();
  const doc = guarded(file, what, mapLine, () => parseGuarded(file, () => parseDocument(text, { lineCounter: lc, prettyErrors: false, uniqueKeys: true })));
  const e = yamlError(doc, lc, file, mapLine, what);
  if (e) throw e;
  return { doc, lc, value: guarded(file, what, mapLine, () => yamlValue(doc, lc, text, file)), text };
}

const identity = (line: number, col: number) => ({ line, col });

function docFrom(
  file: string,
  label: string,
  parsed: ParsedYaml,
  mapLine: (l: number, c: number) => { line: number; col: number },
  embeddedIn?: string,
): CascDoc {
  return {
    file,
    label,
    value: parsed.value as Record<string, unknown>,
    at(pointer) {
      const pos = locateIn(parsed.doc, parsed.lc, pointer, { atKeys: true });
      const { line, col } = mapLine(pos.line, pos.col);
      return { file, line, column: col, pointer: `${embeddedIn ?? ''}${pointer}` };
    },
  };
}

/**
 * A JCasC document embedded as a string in `outer` at `pointer`. A literal block (`key: |`) maps
 * line for line; any other string style is located at the string's first line.
 */
function embedded(outer: ParsedYaml, text: string, file: string, pointer: string, what: string): CascDoc {
  const node = outer.doc.getIn(decodePointer(pointer), true) as Node | undefined;
  const start = node?.range?.[0] ?? 0;
  const head = outer.lc.linePos(start);
  let mapLine: (l: number, c: number) => { line: number; col: number };
  if (node instanceof Scalar && node.type === Scalar.BLOCK_LITERAL) {
    const indent = blockIndent(outer.text, head.line);
    mapLine = (l, c) => ({ line: head.line + l, col: c + indent });
  } else {
    mapLine = () => ({ line: head.line, col: head.col });
  }
  const parsed = parseOne(text, file, what, mapLine);
  return docFrom(file, `${file} ${what}`, parsed, mapLine, pointer);
}

/** Indentation of a literal block whose header (`key: |`) is on 1-based line `headerLine`: that of its first non-empty line. */
function blockIndent(text: string, headerLine: number): number {
  const lines = text.split('\n');
  for (let i = headerLine; i < lines.length; i++) {
    const l = lines[i]!;
    if (l.trim() !== '') return l.length - l.trimStart().length;
  }
  return 0;
}

function isCascRoot(v: unknown): v is Record<string, unknown> {
  return isRecord(v) && Object.keys(v).some((k) => (CASC_ROOTS as readonly string[]).includes(k));
}

/** A Helm values file of the jenkins chart: a `controller` (or the chart 2.x `master`) mapping with chart keys. */
function helmController(v: unknown): { key: 'controller' | 'master'; value: Record<string, unknown> } | undefined {
  if (!isRecord(v)) return undefined;
  for (const key of ['controller', 'master'] as const) {
    const c = v[key];
    if (isRecord(c) && ['JCasC', 'installPlugins', 'admin', 'adminUser', 'image', 'ingress', 'additionalPlugins'].some((k) => k in c)) return { key, value: c };
  }
  return undefined;
}

function isConfigMap(v: unknown): v is { kind: 'ConfigMap'; data?: Record<string, unknown>; metadata?: { name?: string } } {
  return isRecord(v) && v.kind === 'ConfigMap' && (v.apiVersion === 'v1' || v.apiVersion === undefined);
}

/** Whether the parsed YAML value is something this module reads; used by recognizers. */
export function recognizeCasc(value: unknown): CascFileKind | undefined {
  if (isCascRoot(value)) return 'jcasc';
  if (helmController(value)) return 'helm-values';
  if (isConfigMap(value) && Object.values(value.data ?? {}).some((s) => typeof s === 'string' && /^(?:jenkins|unclassified|security):/m.test(s)))
    return 'configmap';
  return undefined;
}

/**
 * Read every JCasC document from a file's text. Throws ToolInputError (file:line) for invalid YAML,
 * also inside embedded strings, and for a file that holds no JCasC at all.
 */
export function readCascFile(text: string, file: string): CascFile {
  const lc = new LineCounter();
  const all = guarded(file, 'the file', identity, () =>
    parseGuarded(file, () => parseAllDocuments(text, { lineCounter: lc, prettyErrors: false, uniqueKeys: true })),
  );
  const list = Array.isArray(all) ? all : [];
  if (!Array.isArray(all)) {
    // A stream that is only comments or empty: nothing to read.
    throw new ToolInputError(
      { file, line: 1, col: 1 },
      'empty file: expected JCasC YAML (jenkins:, unclassified:, ...), Helm values of the jenkins chart or a ConfigMap',
    );
  }
  const docs: CascDoc[] = [];
  let kind: CascFileKind | undefined;
  for (const doc of list) {
    const e = yamlError(doc, lc, file, identity, 'the file');
    if (e) throw e;
    const value: unknown = guarded(file, 'the file', identity, () => yamlValue(doc, lc, text, file));
    if (value === null || value === undefined) continue;
    const parsed: ParsedYaml = { doc, lc, value, text };
    const k = recognizeCasc(value);
    if (!k) {
      const { line, col } = lc.linePos(doc.contents?.range?.[0] ?? 0);
      throw new ToolInputError(
        { file, line, col },
        `not Jenkins configuration: expected a JCasC document (${CASC_ROOTS.slice(0, 4).join(':, ')}: ...), Helm values of the jenkins chart (controller.JCasC) or a ConfigMap holding JCasC`,
      );
    }
    kind = kind === undefined || kind === k ? k : kind;
    if (k === 'jcasc') docs.push(docFrom(file, file, parsed, identity));
    else if (k === 'helm-values') docs.push(...helmDocs(parsed, file));
    else docs.push(...configMapDocs(parsed, file));
  }
  if (!kind) {
    throw new ToolInputError(
      { file, line: 1, col: 1 },
      'empty file: expected JCasC YAML (jenkins:, unclassified:, ...), Helm values of the jenkins chart or a ConfigMap',
    );
  }
  return { kind, file, docs };
}

function configMapDocs(parsed: ParsedYaml, file: string): CascDoc[] {
  const data = isRecord((parsed.value as Record<string, unknown>).data) ? ((parsed.value as Record<string, unknown>).data as Record<string, unknown>) : {};
  const out: CascDoc[] = [];
  for (const [key, text] of Object.entries(data)) {
    if (typeof text !== 'string' || !/\.ya?ml$/.test(key)) continue;
    const inner = embedded(parsed, text, file, `/data/${encode(key)}`, `data.${key}`);
    if (isCascRoot(inner.value)) out.push(inner);
  }
  return out;
}

/**
 * The JCasC a Helm release of the jenkins chart applies: every configScripts entry, plus the
 * chart's own securityRealm and authorizationStrategy (from the values file, else the chart's
 * defaults, recorded as such) unless a configScripts text mentions them, as the chart's
 * `jenkins.casc.defaults` template decides (a plain text `contains`).
 */
function helmDocs(parsed: ParsedYaml, file: string): CascDoc[] {
  const ctl = helmController(parsed.value)!;
  const base = `/${ctl.key}/JCasC`;
  const jcasc = isRecord(ctl.value.JCasC) ? ctl.value.JCasC : {};
  const scripts = isRecord(jcasc.configScripts) ? jcasc.configScripts : {};
  const out: CascDoc[] = [];
  let scriptsText = '';
  for (const [name, text] of Object.entries(scripts)) {
    if (typeof text !== 'string' || text.trim() === '') continue;
    scriptsText += `${text}\n`;
    out.push(embedded(parsed, text, file, `${base}/configScripts/${encode(name)}`, `${ctl.key}.JCasC.configScripts.${name}`));
  }
  const admin = isRecord(ctl.value.admin) && typeof ctl.value.admin.username === 'string' ? ctl.value.admin.username : HELM_DEFAULTS.adminUsername;
  const defaultConfig = jcasc.defaultConfig !== false;
  const chartPart = (key: 'securityRealm' | 'authorizationStrategy') => {
    if (scriptsText.includes(`${key}:`)) return;
    // authorizationStrategy is part of the chart's default config only; securityRealm also gets its own ConfigMap.
    if (key === 'authorizationStrategy' && !defaultConfig) return;
    const given = jcasc[key];
    if (given === '' || given === null || given === false) return;
    const fromValues = typeof given === 'string';
    const text = (fromValues ? (given as string) : HELM_DEFAULTS[key]).replace(/\$\{chart-admin-username\}/g, admin);
    const wrapped = `jenkins:\n  ${key}:\n${text
      .split('\n')
      .map((l) => `    ${l}`)
      .join('\n')}\n`;
    if (fromValues) {
      // Located in the values file: the string's lines are the wrapped document's lines 3 onwards.
      const node = parsed.doc.getIn([ctl.key, 'JCasC', key], true) as Node | undefined;
      const head = parsed.lc.linePos(node?.range?.[0] ?? 0);
      const literal = node instanceof Scalar && node.type === Scalar.BLOCK_LITERAL;
      const indent = literal ? blockIndent(parsed.text, head.line) : 0;
      const mapLine = (l: number, c: number) =>
        literal && l >= 3 ? { line: head.line + l - 2, col: Math.max(1, c - 4 + indent) } : { line: head.line, col: head.col };
      const p = parseOne(wrapped, file, `${ctl.key}.JCasC.${key}`, mapLine);
      out.push(docFrom(file, `${file} ${ctl.key}.JCasC.${key}`, p, mapLine, `${base}/${key}`));
    } else {
      out.push(chartDefault(wrapped, file, `${ctl.key}.JCasC.${key}`));
    }
  };
  chartPart('securityRealm');
  chartPart('authorizationStrategy');
  if (defaultConfig && !scriptsText.includes('security:')) {
    if (isRecord(jcasc.security)) {
      out.push({
        file,
        label: `${file} ${ctl.key}.JCasC.security`,
        value: { security: jcasc.security },
        at: (pointer) => {
          const inner = pointer.replace(/^\/security/, '');
          const pos = locateIn(parsed.doc, parsed.lc, `${base}/security${inner}`, { atKeys: true });
          return { file, line: pos.line, column: pos.col, pointer: `${base}/security${inner}` };
        },
      });
    } else if (jcasc.security === undefined) {
      out.push(
        chartDefault(
          `security:\n  apiToken:\n    creationOfLegacyTokenEnabled: false\n    tokenGenerationOnCreationEnabled: false\n    usageStatisticsEnabled: true\n`,
          file,
          `${ctl.key}.JCasC.security`,
        ),
      );
    }
  }
  // Agent-to-controller security: the chart writes remotingSecurity.enabled only when asked to.
  if (defaultConfig && ctl.value.legacyRemotingSecurityEnabled === true) {
    const pos = locateIn(parsed.doc, parsed.lc, `/${ctl.key}/legacyRemotingSecurityEnabled`, { atKeys: true });
    out.push({
      file,
      label: `${file} ${ctl.key}.legacyRemotingSecurityEnabled`,
      value: { jenkins: { remotingSecurity: { enabled: true } } },
      at: () => ({ file, line: pos.line, column: pos.col, pointer: `/${ctl.key}/legacyRemotingSecurityEnabled` }),
    });
  }
  if (defaultConfig && typeof ctl.value.disableRememberMe === 'boolean') {
    const pos = locateIn(parsed.doc, parsed.lc, `/${ctl.key}/disableRememberMe`, { atKeys: true });
    out.push({
      file,
      label: `${file} ${ctl.key}.disableRememberMe`,
      value: { jenkins: { disableRememberMe: ctl.value.disableRememberMe } },
      at: () => ({ file, line: pos.line, column: pos.col, pointer: `/${ctl.key}/disableRememberMe` }),
    });
  }
  return out;
}

/** A chart default that applies although the values file does not say it: located at the file's first line, marked default. */
function chartDefault(text: string, file: string, what: string): CascDoc {
  const p = parseOne(text, HELM_SOURCE, what, () => ({ line: 1, col: 1 }));
  return {
    file,
    label: `${what} (chart default)`,
    value: p.value as Record<string, unknown>,
    at: (pointer) => ({ file, line: 1, column: 1, pointer, default: `${what} is not set in the values file; the chart default applies (${HELM_SOURCE})` }),
  };
}

/**
 * What `auditready init` finds in a folder and the environment: configuration files each native
 * collector claims (by its own `documents` recognizers, read exactly as files mode reads them),
 * files of tool types without a native collector (hints.ts, for a starter facts file), and a
 * GitHub organization (GITHUB_TOKEN set and a github.com `origin` remote). Bounded: at most
 * MAX_FILES candidate files of at most MAX_FILE_BYTES each, MAX_DEPTH folders deep, skipping
 * dot-folders, node_modules and build output.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { collectors } from '../collectors/index.js';
import { readDocuments } from '../collectors/kit/files.js';
import type { AnyCollector } from '../collectors/types.js';
import { AuditreadyError } from '../errors.js';
import type { ToolType } from '../model/tool-types.js';
import { parseSourceDocuments, readSourceText } from '../util/yaml-source.js';
import { STARTER_HINTS, type StarterHint } from './hints.js';

const MAX_FILES = 2000;
const MAX_FILE_BYTES = 1024 * 1024;
export const MAX_DEPTH = 5;
const SKIP_DIRS = new Set(['node_modules', 'dist', 'build', 'vendor', 'target', '__pycache__']);
/**
 * What init opens: YAML, JSON, .conf (chrony, NTPsec, Splunk), kubeconfigs, Ruby (GitLab's
 * gitlab.rb), HCL (Vault's and OpenBao's server configuration), chrony's .sources files,
 * captured command output (.csv of `chronyc -c`, .txt of `ntpq`, `timedatectl show` or the AWS
 * CLI's error lines) and Distribution's htpasswd; the recognizers decide by content.
 */
const CANDIDATE = /(\.(ya?ml|json|conf|kubeconfig|rb|hcl|sources|csv|txt)|^htpasswd)$/i;

/** One proposed target. */
export interface Detection {
  readonly type: ToolType;
  /** Target name: the folder the files are in (the scanned folder's name at its top), the org for GitHub. */
  readonly name: string;
  /** files: a native collector reads `files`; facts: a starter facts file; live: an API (GitHub). */
  readonly mode: 'files' | 'facts' | 'live';
  /** Files found, relative to the folder, forward slashes, sorted. */
  readonly files: readonly string[];
  /** What was found, one phrase per file or source, for the config comment. */
  readonly found: readonly string[];
  /** Live mode: the options to write (e.g. { org }). */
  readonly options?: Readonly<Record<string, string>>;
  readonly token_env?: string;
}

export interface DetectOptions {
  readonly env: Readonly<Record<string, string | undefined>>;
}

/** Candidate files under `dir`, relative, sorted. */
export function candidateFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (rel: string, depth: number): void => {
    if (out.length >= MAX_FILES) return;
    let entries: import('node:fs').Dirent[];
    try {
      entries = readdirSync(path.join(dir, rel), { withFileTypes: true });
    } catch {
      return; // an unreadable folder proposes nothing
    }
    for (const e of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      const child = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) {
        if (depth < MAX_DEPTH && !e.name.startsWith('.') && !SKIP_DIRS.has(e.name)) walk(child, depth + 1);
      } else if (e.isFile() && CANDIDATE.test(e.name) && out.length < MAX_FILES) {
        out.push(child);
      }
    }
  };
  walk('', 0);
  return out;
}

/** Whether the collector's recognizers claim every object of the file (and at least one). */
function claims(collector: AnyCollector, file: string, rel: string): string[] | undefined {
  const spec = collector.documents;
  if (!spec || !collector.files) return undefined;
  try {
    const docs = readDocuments([{ path: file, display: rel }], { ...spec, required: [] }, { captures: [], secrets: [] });
    const kinds = Object.entries(docs.byKind as Record<string, readonly unknown[]>).filter(([, objects]) => objects.length > 0);
    if (kinds.length === 0) return undefined;
    return kinds.map(([k]) => (spec.kinds as Record<string, { describe: string }>)[k]!.describe);
  } catch (e) {
    if (e instanceof AuditreadyError) return undefined; // not this collector's file
    throw e;
  }
}

/** What the collectors that claim one file say about it. */
interface Claim {
  readonly type: ToolType;
  readonly kinds: readonly string[];
  /**
   * Several collectors claim the file and the text has what only this type has (its starter
   * hint's `own`: a directive only that daemon has). chrony's and NTPsec's collectors both read
   * their directive files, Splunk's reads any stanza file (timesyncd.conf), GitLab's and Harbor's
   * an empty JSON list.
   */
  readonly own: boolean;
}

/** The GitHub owner of the folder's `origin` remote (github.com only), or undefined. */
function githubOwner(dir: string): string | undefined {
  const r = spawnSync('git', ['-C', dir, 'remote', 'get-url', 'origin'], { encoding: 'utf8', timeout: 5000 });
  if (r.status !== 0) return undefined;
  const m = /github\.com[:/]([A-Za-z0-9][A-Za-z0-9-]{0,38})\/[^/\s]+?(\.git)?\/?\s*$/.exec(r.stdout.trim());
  return m?.[1];
}

/** Everything init proposes for `dir`, one detection per tool type, in registry then hint order. */
export function detect(dir: string, options: DetectOptions): Detection[] {
  const native = (Object.values(collectors) as AnyCollector[]).filter((c) => c.documents && c.files && Array.isArray(c.types));
  const nativeTypes = new Set(native.flatMap((c) => c.types as readonly ToolType[]));
  const hints = STARTER_HINTS.filter((h) => !nativeTypes.has(h.type));
  // One target per tool type and folder: prod/ and staging/ are two installations, and files
  // mode reads one installation per target (argocd-cm may appear once).
  const groups = new Map<string, { type: ToolType; folder: string; mode: 'files' | 'facts'; files: string[]; found: string[] }>();
  const add = (type: ToolType, mode: 'files' | 'facts', rel: string, what: string) => {
    const folder = path.posix.dirname(rel);
    const key = `${type}\0${folder}`;
    const d = groups.get(key) ?? { type, folder, mode, files: [], found: [] };
    d.files.push(rel);
    d.found.push(`${rel}: ${what}`);
    groups.set(key, d);
  };
  // Two passes: which collectors claim each file, then the files several claim, decided with
  // what the unambiguous files of their folder say. Only the decisions are kept, not the texts.
  const read: { rel: string; claims: Claim[]; hint?: StarterHint }[] = [];
  for (const rel of candidateFiles(dir)) {
    const file = path.join(dir, rel);
    try {
      if (statSync(file).size > MAX_FILE_BYTES) continue;
    } catch {
      continue;
    }
    let text: string;
    let values: unknown[] = [];
    try {
      text = readSourceText(file, rel);
    } catch {
      continue;
    }
    try {
      values = parseSourceDocuments(text, rel).map((d) => d.value);
    } catch {
      // not YAML/JSON (chrony.conf): hints look at the text
    }
    const claimed = native.flatMap((c) => {
      const kinds = claims(c, file, rel);
      return kinds ? [{ type: (c.types as readonly ToolType[])[0]!, kinds }] : [];
    });
    const found = claimed.map((c): Claim => ({ ...c, own: claimed.length > 1 && STARTER_HINTS.some((h) => h.type === c.type && h.own?.(text) === true) }));
    read.push({ rel, claims: found, ...(found.length === 0 ? { hint: hints.find((h) => h.match(text, values)) } : {}) });
  }
  // Settled: a file one collector claims, or several and only one type shows what is its own.
  const only = (cs: readonly Claim[]) => (cs.length === 1 ? cs[0] : undefined);
  const decided = read.map((r) => only(r.claims) ?? only(r.claims.filter((c) => c.own)));
  const folderOf = (rel: string, type: ToolType) => `${type}\0${path.posix.dirname(rel)}`;
  const settled = new Set(read.flatMap((r, i) => (decided[i] ? [folderOf(r.rel, decided[i].type)] : [])));
  read.forEach(({ rel, claims: found, hint }, i) => {
    // else the one type among its readers that its folder already has; else nobody's, never a guess
    const owner = decided[i] ?? only(found.filter((c) => settled.has(folderOf(rel, c.type))));
    if (owner) add(owner.type, 'files', rel, owner.kinds.join(', '));
    else if (hint) add(hint.type, 'facts', rel, hint.describe);
  });
  const names = new Set<string>();
  // Native collectors first (they prove what they report), then starter facts files; each in file order.
  const ordered = [...groups.values()].sort((a, b) => (a.mode === b.mode ? 0 : a.mode === 'files' ? -1 : 1));
  const out: Detection[] = ordered.map((d) => {
    const base = targetName(d.folder === '.' ? path.basename(path.resolve(dir)) : path.posix.basename(d.folder));
    let name = base;
    for (let i = 2; names.has(`${d.type}/${name}`); i++) name = `${base}-${i}`;
    names.add(`${d.type}/${name}`);
    return { type: d.type, name, mode: d.mode, files: d.files, found: d.found };
  });
  const owner = githubOwner(dir);
  if (owner && options.env.GITHUB_TOKEN) {
    out.push({
      type: 'github',
      name: owner,
      mode: 'live',
      files: [],
      found: [`git remote origin: github.com/${owner}; GITHUB_TOKEN is set`],
      options: { org: owner },
      token_env: 'GITHUB_TOKEN',
    });
  }
  return out;
}

/** A folder name as a target name (config schema: ^[A-Za-z0-9][A-Za-z0-9._:@-]*$), else "main". */
function targetName(folder: string): string {
  const name = folder.replace(/[^A-Za-z0-9._:@-]/g, '-').replace(/^[^A-Za-z0-9]+/, '');
  return name || 'main';
}

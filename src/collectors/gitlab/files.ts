/**
 * Files mode: gitlab.rb and JSON exports of the API responses the live mode reads, recognized by
 * content, assembled into the same input the live mode builds.
 */
import { ToolInputError } from '../../errors.js';
import { DOC_ENDPOINTS, type Doc, type DocKind, type Got, missing, parseJsonExport, recognizeGitlabJson } from './documents.js';
import type { Deployment, GitlabInput } from './normalize.js';
import { readGitlabRb } from './ruby.js';
import { readSso } from './sso.js';
import { type FieldResult, readStreamResponse } from './streams.js';

export interface InputFile {
  /** Path as shown in evidence (relative to the working directory). */
  readonly file: string;
  readonly text: string;
}

/** gitlab.rb: Ruby assignments of Omnibus settings (whatever the file is called). */
export function looksLikeGitlabRb(text: string): boolean {
  const first = text.trimStart()[0];
  if (first === '{' || first === '[') return false;
  return /^\s*(?:gitlab_rails|external_url|gitlab_shell|gitlab_workhorse|logging|logrotate|nginx|letsencrypt|postgresql|registry|gitaly|puma|sidekiq)\b/m.test(
    text,
  );
}

/**
 * The JSON of an API response the collector reads (recognizeGitlabJson; pages of one response
 * joined), or an empty list (only its file name says which, checked when the files are read).
 * Other JSON (a package.json, a report) is not claimed: files mode calls it unrecognized, and
 * `init`, which asks every collector's recognizers about every file of a folder, does not propose
 * it as GitLab. JSON that does not parse is not claimed either (a tsconfig.json with comments).
 */
export function looksLikeGitlabJson(text: string): boolean {
  if (!/^\s*[[{]/.test(text)) return false;
  let value: unknown;
  try {
    value = parseJsonExport(text, 'response.json').value;
  } catch {
    return false;
  }
  return recognizeGitlabJson(value) !== undefined || (Array.isArray(value) && value.length === 0);
}

export interface FilesResult {
  readonly input: GitlabInput;
  /** What each file was read as, for source.details. */
  readonly read: Record<string, string>;
}

const ONE_PER_TARGET: DocKind[] = ['settings', 'statistics', 'version', 'group', 'members', 'users', 'projects', 'saml_identities'];

export function gitlabFromFiles(files: readonly InputFile[], options: { deployment: Deployment; group?: string }): FilesResult {
  const docs = new Map<DocKind, { doc: Doc; file: string }>();
  const audit: Doc<unknown[]>[] = [];
  const graphql: Doc[] = [];
  const read: Record<string, string> = {};
  let rb: ReturnType<typeof readSso> | undefined;
  for (const f of files) {
    if (looksLikeGitlabRb(f.text)) {
      if (rb) throw new ToolInputError({ file: f.file, line: 1, col: 1 }, `a second gitlab.rb (the first is ${rb.file}); one target reads one instance`);
      rb = readSso(readGitlabRb(f.text), f.file);
      read[f.file] = 'gitlab.rb';
      continue;
    }
    if (!/^\s*[[{]/.test(f.text)) {
      throw new ToolInputError(
        { file: f.file, line: 1, col: 1 },
        `not a GitLab file this collector reads: expected gitlab.rb or the JSON of one of ${Object.values(DOC_ENDPOINTS).join(', ')}`,
      );
    }
    const parsed = parseJsonExport(f.text, f.file);
    const kind = recognizeGitlabJson(parsed.value, f.file);
    if (!kind) {
      throw new ToolInputError(
        { file: f.file, line: 1, col: 1 },
        `not a GitLab file this collector reads: expected gitlab.rb or the JSON of one of ${Object.values(DOC_ENDPOINTS).join(', ')}`,
      );
    }
    const doc: Doc = { ok: true, value: parsed.value, at: parsed.at };
    read[f.file] = DOC_ENDPOINTS[kind];
    if (kind === 'audit_events') audit.push(doc as Doc<unknown[]>);
    else if (kind === 'graphql') graphql.push(doc);
    else {
      const prev = docs.get(kind);
      if (prev && ONE_PER_TARGET.includes(kind)) {
        throw new ToolInputError(
          { file: f.file, line: 1, col: 1 },
          `a second ${DOC_ENDPOINTS[kind]} document (the first is ${prev.file}); one target reads one instance or group`,
        );
      }
      docs.set(kind, { doc, file: f.file });
    }
  }
  const groupDoc = docs.get('group')?.doc as Doc<Record<string, unknown>> | undefined;
  const group = options.group ?? (groupDoc && typeof groupDoc.value.full_path === 'string' ? groupDoc.value.full_path : undefined);
  if (options.group && groupDoc && groupDoc.value.full_path !== options.group) {
    const at = groupDoc.at('/full_path');
    throw new ToolInputError(
      at.file ? { file: at.file, ...(at.line ? { line: at.line } : {}), ...(at.column ? { col: at.column } : {}) } : { file: 'group' },
      `the group file is ${String(groupDoc.value.full_path)}, but options.group is ${options.group}`,
    );
  }
  const saas = options.deployment === 'saas';
  const absent = (kind: DocKind): Got<never> =>
    missing('not_collected', `no file with the response of ${DOC_ENDPOINTS[kind]} was given; save it (see the README) and list it under files:`);
  const get = <T>(kind: DocKind): Got<T> => (docs.get(kind)?.doc as Doc<T> | undefined) ?? absent(kind);
  const streams: FieldResult[] = graphql.flatMap((d) => readStreamResponse(d));
  const input: GitlabInput = {
    deployment: options.deployment,
    ...(group ? { group } : {}),
    settings: saas ? missing('not_applicable', "GitLab.com instance settings are GitLab's") : get('settings'),
    statistics: saas ? missing('not_applicable', "GitLab.com instance statistics are GitLab's") : get('statistics'),
    admins: saas ? missing('not_applicable', 'GitLab.com administrators are GitLab staff') : get('users'),
    ...(group
      ? {
          groupDoc: get('group'),
          members: get('members'),
          publicProjects: get('projects'),
          ...(saas ? { samlIdentities: get('saml_identities') } : {}),
        }
      : {}),
    auditEvents: audit.length ? audit : [absent('audit_events')],
    streams: graphql.length ? streams : missing('not_collected', `no GraphQL response with streaming destinations was given (${DOC_ENDPOINTS.graphql})`),
    ...(rb ? { sso: rb } : {}),
  };
  return { input, read };
}

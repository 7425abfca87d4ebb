/**
 * Re-deriving normalized snapshots from raw captures, so that editing a raw capture and
 * re-hashing the manifest is detected (`verify`). Two checks per tool:
 *
 * 1. The binding: a snapshot records the sha256 of what it was normalized from
 *    (`source.sha256`: of the one capture, or of the captures' sha256sum-style lines under the
 *    names the manifest records). When the stored raw captures were not altered by redaction,
 *    they must hash to that value.
 * 2. The derivation: the facts are computed again from the stored raw captures and compared with
 *    the snapshot. Redacted values compare equal to anything redacted (redaction is one-way).
 *    Facts files and files-mode captures (Argo CD, Kubernetes, Jenkins, GitLab) go through their
 *    collector again, exactly as a run reads them (the kit's reading, recognition and
 *    normalization: collectFilesSync); GitHub's capture through its pure normalizer (DERIVATIONS).
 *
 * What cannot be derived again is reported as such ("binding checked only"), with the reason:
 * captures of a live API other than GitHub's (Argo CD, Kubernetes, Jenkins, GitLab) are
 * responses the collector combined while reading, not a document a normalizer takes whole.
 */
import path from 'node:path';
import { parseDocument } from 'yaml';
import { collectorNamed } from '../collectors/index.js';
import { normalizeGithub } from '../collectors/github/normalize/index.js';
import { type Authentication, isCloud, type GithubSettings } from '../collectors/github/options.js';
import type { RawGithub } from '../collectors/github/raw.js';
import { collectFilesSync } from '../collectors/kit/run.js';
import { capturesSha256, unknownFacts } from '../collectors/kit/snapshot.js';
import type { Target } from '../config/types.js';
import type { ToolType } from '../model/tool-types.js';
import type { ToolSnapshot } from '../model/types.js';
import { decodeUtf8, readRegularFile } from '../util/read-file.js';
import { REDACTED } from '../util/redact.js';
import { loadPolicyBundle, type PolicyBundle } from '../engine/policy-bundle.js';
import { policiesDigest } from '../policy/build.js';
import { PATHS, type Manifest } from './types.js';
import { bundlePath, readBundleJson } from './files.js';

export interface Derivation {
  readonly tool: string;
  /** ok: derived again and equal; mismatch: it is not; binding: only the raw hash could be checked. */
  readonly status: 'ok' | 'mismatch' | 'binding';
  readonly detail: string;
}

/** The facts part of a snapshot: what a derivation reproduces. */
const FACT_KEYS = ['identity', 'access', 'audit_log', 'time', 'pipeline', 'integrations', 'resources', 'gaps'] as const;

interface DeriveContext {
  readonly snapshot: ToolSnapshot;
  /**
   * The raw captures in manifest order: path in the bundle, the file on disk, its text, and (when
   * the manifest records it) the path it was read under and its modification time then.
   */
  readonly raw: readonly {
    readonly path: string;
    readonly file: string;
    readonly text: string;
    readonly read?: { readonly display: string; readonly modifiedAt?: string };
  }[];
  /** The config copy inside the bundle, parsed (collector options). */
  readonly config: unknown;
}

/** A pure normalizer: the snapshot's facts from its raw captures, or why they cannot be derived again. */
type Derive = (ctx: DeriveContext) => Record<string, unknown> | { readonly notDerived: string };

function targetOptions(config: unknown, snapshot: ToolSnapshot): Record<string, unknown> {
  return (configTarget(config, snapshot)?.options as Record<string, unknown> | undefined) ?? {};
}

/**
 * The config's target of a snapshot: the one of its name, else the target it was expanded from
 * (collector.live.expand names each tool <target>:<name>, e.g. a GitHub enterprise's organizations).
 */
function configTarget(config: unknown, snapshot: ToolSnapshot): Record<string, unknown> | undefined {
  const targets = (config as { targets?: unknown })?.targets;
  if (!Array.isArray(targets)) return undefined;
  const ofType = targets.filter((x) => x?.type === snapshot.type && typeof x?.name === 'string');
  return (
    ofType.find((x) => x.name === snapshot.name) ??
    ofType.filter((x) => snapshot.name.startsWith(`${x.name}:`)).sort((a, b) => b.name.length - a.name.length)[0]
  );
}

function deriveGithub(ctx: DeriveContext): Record<string, unknown> {
  const raw = ctx.raw[0];
  if (!raw) throw new Error('no raw capture');
  const details = ctx.snapshot.source.details ?? {};
  const apiUrl = String(details.api_url ?? ctx.snapshot.source.location);
  const options = targetOptions(ctx.config, ctx.snapshot);
  const deployment = options.deployment;
  // The settings normalization reads (the rest are for requests): as githubSettings builds them.
  const settings = {
    org: String(details.organization ?? ''),
    enterprise: typeof details.enterprise === 'string' ? details.enterprise : undefined,
    apiUrl,
    cloud: deployment === 'cloud' ? true : deployment === 'server' ? false : isCloud(apiUrl),
    authentication: options.authentication as Authentication | undefined,
    streamStores: (options.stream_stores as Record<string, string> | undefined) ?? {},
  } as GithubSettings;
  return { ...normalizeGithub(JSON.parse(raw.text) as RawGithub, settings) };
}

/**
 * A facts file or a files-mode target, read again from the bundle's raw captures by its own
 * collector (the snapshot's source.collector), with the target's options from the config copy.
 * Undefined when the collector cannot read them synchronously.
 */
function deriveThroughCollector(ctx: DeriveContext): Record<string, unknown> | undefined {
  const { snapshot } = ctx;
  const collector = collectorNamed(snapshot.source.collector);
  const mode = snapshot.source.method === 'facts-file' ? 'facts' : 'files';
  const target: Target = {
    type: snapshot.type as ToolType,
    name: snapshot.name,
    pointer: '',
    collector: snapshot.source.collector,
    mode,
    inputs: ctx.raw.map((r) => ({ path: r.file, display: r.read?.display ?? r.path, ...(r.read?.modifiedAt ? { modifiedAt: r.read.modifiedAt } : {}) })),
    ...(mode === 'files' ? { options: targetOptions(ctx.config, snapshot) } : {}),
  };
  const output = collectFilesSync(collector, target, {
    env: {},
    now: () => new Date(snapshot.source.collected_at),
    progress: () => {},
    signal: new AbortController().signal,
  });
  if (!output) return undefined;
  const { facts, gaps } = output.facts;
  return { ...facts, gaps, pipeline: output.pipeline, integrations: output.integrations, resources: output.resources };
}

/** Pure normalizers by collector name (snapshot source.collector), for captures read from a live API. */
const DERIVATIONS: Readonly<Record<string, Derive>> = {
  github: deriveGithub,
};

/** How a snapshot is derived again, or why it cannot be. */
function derivationFor(snapshot: ToolSnapshot): Derive | string {
  const { collector, method } = snapshot.source;
  // A tool that could not be collected: every fact unknown with the error, exactly as the kit records it.
  const failed = snapshot.source.details?.collection_error;
  if (typeof failed === 'string') {
    const unknown = unknownFacts(collector, failed);
    return () => ({ ...unknown.facts, gaps: unknown.gaps });
  }
  const live = DERIVATIONS[collector];
  if (live) return live;
  if (method === 'facts-file' || method === 'file') {
    return (ctx) => deriveThroughCollector(ctx) ?? { notDerived: `collector "${collector}" reads its files asynchronously; they are not derived again` };
  }
  return `collector "${collector}" read a live API (${method}); its responses are not derived again`;
}

/** Canonical JSON where anything holding a redaction marker stands for "redacted". */
function canonical(v: unknown): string {
  const walk = (x: unknown): unknown => {
    if (typeof x === 'string') return x.includes(REDACTED) ? REDACTED : x;
    if (Array.isArray(x)) {
      // A redacted bare YAML scalar such as `token: [REDACTED]` reads back as a one-item list.
      if (x.length === 1 && x[0] === REDACTED.slice(1, -1)) return REDACTED;
      return x.map(walk);
    }
    if (x && typeof x === 'object') {
      return Object.fromEntries(
        Object.keys(x)
          .sort()
          .map((k) => [k, walk((x as Record<string, unknown>)[k])]),
      );
    }
    return x;
  };
  return JSON.stringify(walk(v));
}

/** The first JSON path where two values differ (for the message). */
function firstDifference(a: unknown, b: unknown, at = ''): string {
  if (canonical(a) === canonical(b)) return '';
  if (a && b && typeof a === 'object' && typeof b === 'object' && Array.isArray(a) === Array.isArray(b)) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    for (const k of [...keys].sort()) {
      const d = firstDifference((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], `${at}.${k}`);
      if (d) return d;
    }
  }
  return at.slice(1) || '(the whole snapshot)';
}

function readConfigCopy(dir: string, manifest: Manifest): unknown {
  const rel = (manifest as { config?: { copy?: string } }).config?.copy;
  if (!rel) return undefined;
  try {
    return parseDocument(decodeUtf8(readRegularFile(bundlePath(dir, rel), { limit: 'maxBundleFileBytes', noFollow: true }), rel)).toJS({
      maxAliasCount: 100,
    });
  } catch {
    return undefined;
  }
}

/**
 * The policy bundle: its Wasm and catalog match its own manifest, and the Rego sources in the
 * bundle hash to the digest that manifest pins (what each policy said is what was compiled).
 */
function checkPolicy(dir: string, manifest: Manifest): Derivation {
  const tool = 'policy bundle';
  let policy: PolicyBundle;
  try {
    policy = loadPolicyBundle(bundlePath(dir, PATHS.policy));
  } catch (e) {
    return { tool, status: 'mismatch', detail: e instanceof Error ? e.message : String(e) };
  }
  if (manifest.policy_bundle && manifest.policy_bundle.wasm_sha256 !== policy.manifest.wasm_sha256) {
    return { tool, status: 'mismatch', detail: 'the manifest names another policy.wasm than the one in policy/' };
  }
  const sources = manifest.policy_sources;
  if (!sources) return { tool, status: 'binding', detail: 'Wasm and catalog match the policy manifest; no Rego sources recorded' };
  const digest = policiesDigest(sources.dirs.map((d) => bundlePath(dir, d)));
  if (digest !== policy.manifest.policies_digest) {
    return { tool, status: 'mismatch', detail: `the Rego sources in ${PATHS.policySources} do not hash to the digest the policy manifest pins` };
  }
  return { tool, status: 'ok', detail: 'Rego sources hash to the digest the compiled bundle pins' };
}

/** Check every tool of a (hash-verified) bundle: the raw binding, and the derivation where one exists; and the policy bundle. */
export function checkDerivations(dir: string, manifest: Manifest): Derivation[] {
  return [checkPolicy(dir, manifest), ...checkTools(dir, manifest)];
}

function checkTools(dir: string, manifest: Manifest): Derivation[] {
  const config = readConfigCopy(dir, manifest);
  return manifest.tools.map((t): Derivation => {
    let snapshot: ToolSnapshot;
    let raw: { path: string; file: string; bytes: Buffer; text: string }[];
    try {
      snapshot = readBundleJson<ToolSnapshot>(bundlePath(dir, t.normalized), t.normalized);
      raw = t.raw.map((p) => {
        const file = bundlePath(dir, p);
        const bytes = readRegularFile(file, { limit: 'maxBundleFileBytes', noFollow: true });
        return { path: p, file, bytes, text: decodeUtf8(bytes, p) };
      });
    } catch (e) {
      return { tool: t.id, status: 'mismatch', detail: `cannot read its files (${e instanceof Error ? e.message : String(e)})` };
    }
    const redacted = raw.some((r) => r.text.includes(REDACTED));
    const recorded = snapshot?.source?.sha256;
    // The names the captures had when read (older bundles: the stored file names).
    const names = t.raw_names && t.raw_names.length === raw.length ? t.raw_names : raw.map((r) => path.posix.basename(r.path));
    const bound = capturesSha256(raw.map((r, i) => ({ name: names[i]!, mediaType: '', bytes: r.bytes })));
    if (!redacted && raw.length > 0 && bound !== recorded) {
      return {
        tool: t.id,
        status: 'mismatch',
        detail: `the raw captures do not hash to the sha256 its snapshot records (${String(recorded).slice(0, 12)}…): a raw capture or the snapshot was changed`,
      };
    }
    const derive = snapshot?.source ? derivationFor(snapshot) : 'the snapshot names no source';
    if (typeof derive === 'string') return { tool: t.id, status: 'binding', detail: `raw capture hash checked; ${derive}` };
    let derived: Record<string, unknown>;
    try {
      const read = t.raw_read && t.raw_read.length === raw.length ? t.raw_read : [];
      const result = derive({
        snapshot,
        raw: raw.map((r, i) => {
          const at = read[i];
          return {
            path: r.path,
            file: r.file,
            text: r.text,
            ...(at ? { read: { display: at.file, ...(at.modified_at ? { modifiedAt: at.modified_at } : {}) } } : {}),
          };
        }),
        config,
      });
      if ('notDerived' in result && typeof result.notDerived === 'string') {
        return { tool: t.id, status: 'binding', detail: `raw capture hash checked; ${result.notDerived}` };
      }
      derived = result as Record<string, unknown>;
    } catch (e) {
      return { tool: t.id, status: 'mismatch', detail: `the raw capture no longer normalizes (${e instanceof Error ? e.message.split('\n')[0] : String(e)})` };
    }
    const recordedFacts = Object.fromEntries(
      FACT_KEYS.filter((k) => (snapshot as unknown as Record<string, unknown>)[k] !== undefined).map((k) => [
        k,
        (snapshot as unknown as Record<string, unknown>)[k],
      ]),
    );
    const derivedFacts = Object.fromEntries(FACT_KEYS.filter((k) => derived[k] !== undefined).map((k) => [k, derived[k]]));
    const diff = firstDifference(recordedFacts, derivedFacts);
    if (diff) return { tool: t.id, status: 'mismatch', detail: `the snapshot does not follow from its raw capture (first difference at ${diff})` };
    if (typeof snapshot.source.details?.collection_error === 'string') {
      return { tool: t.id, status: 'ok', detail: 'could not be collected: every fact unknown with its collection error, as recorded' };
    }
    return { tool: t.id, status: 'ok', detail: redacted ? 'derived again from the (redacted) raw capture' : 'derived again from the raw capture; hash bound' };
  });
}

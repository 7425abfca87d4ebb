import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createPublicKey, type KeyObject } from 'node:crypto';
import type { CheckRun } from '../pipeline/types.js';
import { InputError, UsageError } from '../errors.js';
import type { EvidenceFile, Reporter } from '../reporters/types.js';
import { jsonChunks, joinChunks } from '../reporters/chunks.js';
import { jsonReporter } from '../reporters/json.js';
import { writeChunksToFile } from '../reporters/write.js';
import { sha256 } from '../util/hash.js';
import { readRegularFile } from '../util/read-file.js';
import { redactText } from '../util/redact.js';
import { buildCommit } from '../version.js';
import { policiesDigest, regoFiles } from '../policy/build.js';
import { actorFrom, hostInfo, type Actor } from './actor.js';
import { keyFingerprint } from './trust.js';
import { segment } from './files.js';
import { signBytes } from './sign.js';
import { BUNDLE_VERSION, MANIFEST, PATHS, SIGNATURE, SIGNER_KEY, type EvaluationRecord, type Manifest } from './types.js';

export interface WriteBundleOptions {
  /** Reports to include besides reports/auditready.json. */
  readonly reporters?: readonly Reporter[];
  /** Sign manifest.json with this Ed25519 key. */
  readonly signKey?: KeyObject;
  /** Who signs, recorded in the signed manifest (default: the CI job, else user@host). */
  readonly signer?: string;
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Folder SARIF/JUnit file URIs are relative to. */
  readonly baseDir?: string;
}

export interface WrittenBundle {
  readonly dir: string;
  readonly manifest: Manifest;
  readonly signed: boolean;
}

/** Who ran a check, in one phrase: the CI job, else user@host (the signer's default name, the HTML summary's "by"). */
export function actorText(actor: Actor, hostname: string): string {
  if (actor.ci) return [actor.ci.provider, actor.ci.repository, actor.ci.run_id ? `run ${actor.ci.run_id}` : null].filter(Boolean).join(' ');
  return `${actor.user ?? 'unknown user'}@${hostname}`;
}

/** The signer name when none is given: the CI job, else user@host. */
export function defaultSigner(actor: Actor): string {
  return actorText(actor, hostInfo().hostname);
}

/** Findings exactly as `evaluate` reproduces them. */
export function findingsText(findings: unknown): string {
  return joinChunks(findingsChunks(findings));
}

/** findingsText in pieces, as the bundle writes it. */
function findingsChunks(findings: unknown): Iterable<string> {
  return jsonChunks(findings);
}

/**
 * Write an evidence bundle: raw (redacted) and normalized snapshot per tool, the config, the
 * policy bundle, the evaluation inputs, the findings and the reports, and a manifest with the
 * sha256 of each file, optionally signed.
 */
/** A bundle goes into a new or empty folder (checked before a long collection, and again when writing). */
export function assertFreshFolder(dir: string): void {
  if (existsSync(dir)) {
    if (!statSync(dir).isDirectory()) throw new UsageError(`--evidence ${dir}: exists and is not a folder`);
    if (readdirSync(dir).length > 0) throw new UsageError(`--evidence ${dir}: folder is not empty (a bundle needs a fresh folder)`);
  }
}

export function writeBundle(dir: string, run: CheckRun, options: WriteBundleOptions = {}): WrittenBundle {
  assertFreshFolder(dir);
  const { report, config, collected, policyBundle } = run;
  const files: Manifest['files'] = [];
  // Strings and reports' pieces are written piece by piece (a large estate's report does not fit in one string).
  const put = (rel: string, data: string | Uint8Array | Iterable<string>) => {
    const file = path.join(dir, ...rel.split('/'));
    try {
      mkdirSync(path.dirname(file), { recursive: true });
      if (data instanceof Uint8Array) {
        writeFileSync(file, data);
        files.push({ path: rel, sha256: sha256(data), size: data.byteLength });
      } else {
        const written = writeChunksToFile(file, typeof data === 'string' ? [data] : data, { hash: true });
        files.push({ path: rel, sha256: written.sha256!, size: written.bytes });
      }
    } catch (e) {
      if (!(e as NodeJS.ErrnoException).syscall) throw e;
      throw new InputError({ file }, `cannot write evidence (${(e as NodeJS.ErrnoException).code ?? 'error'})`, { cause: e });
    }
  };

  const configCopy = `config/${segment(path.basename(config.file))}`;
  // Redacted like every other capture: an endpoint may carry user:token@ or a token in options.
  put(configCopy, redactText(config.source.text));
  put(`${PATHS.policy}/policy.wasm`, policyBundle.wasm);
  // The policy bundle's own bytes: its manifest pins the catalog's and the Wasm's sha256.
  for (const name of ['catalog.json', 'manifest.json']) {
    const file = path.join(policyBundle.dir, name);
    let bytes: Buffer;
    try {
      bytes = readFileSync(file);
    } catch (e) {
      throw new InputError({ file }, 'cannot read the policy bundle', { cause: e });
    }
    put(`${PATHS.policy}/${name}`, bytes);
  }

  // The Rego the policy bundle was compiled from, when its digest still matches (the sources
  // may have changed since a cached build): evidence of what each policy said.
  let policySources: Manifest['policy_sources'] = null;
  if (run.policySourceDirs.length > 0 && policiesDigest(run.policySourceDirs) === policyBundle.manifest.policies_digest) {
    const dirs: string[] = [];
    run.policySourceDirs.forEach((src, i) => {
      const rel = `${PATHS.policySources}/${i}`;
      dirs.push(rel);
      for (const f of regoFiles(src)) put(`${rel}/${path.relative(src, f).split(path.sep).join('/')}`, readRegularFile(f));
    });
    policySources = { dirs, digest: policyBundle.manifest.policies_digest };
  }
  const profileFiles: string[] = [];
  for (const f of run.profileFiles) {
    const rel = `${PATHS.profile}/${segment(path.basename(f))}`;
    put(rel, readRegularFile(f));
    profileFiles.push(rel);
  }

  const tools: Manifest['tools'] = [];
  const snapshotOf = new Map(report.snapshots.map((s) => [s.id, s]));
  for (const c of [...collected].sort((a, b) => (a.snapshot.id < b.snapshot.id ? -1 : 1))) {
    const base = `tools/${c.snapshot.id.split('/').map(segment).join('/')}`;
    const raw: string[] = [];
    const used = new Set<string>();
    for (const r of c.raw) {
      let name = segment(r.name);
      for (let i = 2; used.has(name); i++) name = `${i}-${segment(r.name)}`;
      used.add(name);
      put(`${base}/raw/${name}`, r.bytes);
      raw.push(`${base}/raw/${name}`);
    }
    const snapshot = snapshotOf.get(c.snapshot.id) ?? c.snapshot;
    put(`${base}/normalized.json`, `${JSON.stringify(snapshot, null, 2)}\n`);
    tools.push({
      id: c.snapshot.id,
      raw,
      raw_names: c.raw.map((r) => r.name),
      ...(c.raw.some((r) => r.file)
        ? { raw_read: c.raw.map((r) => (r.file ? { file: r.file.display, ...(r.file.modifiedAt ? { modified_at: r.file.modifiedAt } : {}) } : null)) }
        : {}),
      normalized: `${base}/normalized.json`,
      collector: c.snapshot.source.collector,
      method: c.snapshot.source.method,
      ...(snapshot.source.collected_as ? { collected_as: snapshot.source.collected_as } : {}),
    });
  }

  const baseDir = options.baseDir ?? process.cwd();
  const evaluation: EvaluationRecord = {
    as_of: report.run.as_of,
    render: { base_dir: baseDir },
    parameters: report.run.parameters,
    gate: { failOn: report.run.fail_on, failOnUnknown: report.run.fail_on_unknown },
    policy_ids: run.policyIds ? [...run.policyIds] : null,
    waivers: [...config.waivers],
    run: { started_at: report.run.started_at, collected_by: report.run.collected_by ?? report.run.as_of },
    as_of_fixed: run.asOfFixed,
    approvals: { approvers: config.approvers ? [...config.approvers] : null, max_days: config.waiver_max_days },
  };
  put(PATHS.evaluation, `${JSON.stringify(evaluation, null, 2)}\n`);
  put(PATHS.findings, findingsChunks(report.findings));
  // Reports sit in reports/: link each tool's files from there.
  const evidenceFiles: Record<string, EvidenceFile[]> = {};
  const shaOf = new Map(files.map((f) => [f.path, f.sha256]));
  for (const t of tools) {
    evidenceFiles[t.id] = [
      ...t.raw.map((p) => ({ href: `../${p}`, sha256: shaOf.get(p)!, kind: 'raw' as const })),
      { href: `../${t.normalized}`, sha256: shaOf.get(t.normalized)!, kind: 'normalized' as const },
    ];
  }
  const actor = actorFrom(options.env ?? process.env);
  const host = hostInfo();
  const renderOptions = { color: false, baseDir, evidenceFiles, runBy: actorText(actor, host.hostname) };
  put(PATHS.report, jsonReporter.chunks(report, renderOptions));
  for (const r of options.reporters ?? []) {
    if (r.name === 'json') continue;
    put(`reports/auditready.${r.extension}`, r.chunks(report, renderOptions));
  }

  const manifest: Manifest = {
    bundle_version: BUNDLE_VERSION,
    tool: { ...report.tool, commit: buildCommit() },
    policy_bundle: report.run.policy_bundle,
    config: { file: config.file, sha256: report.run.config_sha256, copy: configCopy },
    profile: report.run.profile,
    parameters: report.run.parameters,
    as_of: report.run.as_of,
    run: { started_at: report.run.started_at, finished_at: report.run.finished_at },
    host,
    actor,
    summary: report.summary,
    profile_files: profileFiles,
    policy_sources: policySources,
    tools,
    ...(options.signKey
      ? {
          signature: {
            algorithm: 'ed25519' as const,
            key_fingerprint: keyFingerprint(createPublicKey(options.signKey)),
            signer: redactText(options.signer?.trim() || defaultSigner(actor)),
          },
        }
      : {}),
    files: files.sort((a, b) => (a.path < b.path ? -1 : 1)),
  };
  const manifestText = `${JSON.stringify(manifest, null, 2)}\n`;
  writeFileSync(path.join(dir, MANIFEST), manifestText);
  if (options.signKey) {
    writeFileSync(path.join(dir, SIGNATURE), signBytes(Buffer.from(manifestText, 'utf8'), options.signKey));
    writeFileSync(path.join(dir, SIGNER_KEY), createPublicKey(options.signKey).export({ type: 'spki', format: 'pem' }));
  }
  return { dir, manifest, signed: Boolean(options.signKey) };
}

import { cmp } from '../util/compare.js';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ToolchainError } from '../errors.js';
import { HOST_BUILTINS } from '../engine/builtins.js';
import { locateOpa, runOpa } from '../opa/locate.js';
import { sha256 } from '../util/hash.js';
import { describeError, primaryError, validator } from '../util/schema.js';
import { COMPILER, WASM_NATIVE } from './builtins-capability.js';
import type { Catalog, Framework, Mapping, PolicyEntry } from './catalog.js';
import { readTarGzMember } from './tar.js';

export const ENTRYPOINT = 'auditready/main/findings';
const POLICY_ROOT = ['auditready', 'policies'];

export interface BundleManifest {
  opa_version: string;
  entrypoint: string;
  wasm_sha256: string;
  catalog_sha256: string;
  /** sha256 over the sorted (path, sha256) list of the .rego sources that went into the bundle. */
  policies_digest: string;
  policy_count: number;
}

export interface BuildResult {
  readonly outDir: string;
  readonly manifest: BundleManifest;
  readonly catalog: Catalog;
}

interface OpaCapabilities {
  builtins: Array<{ name: string }>;
  [k: string]: unknown;
}

/** The capabilities file: OPA's own, cut down to the built-ins our Wasm engine really provides. */
export async function writeCapabilities(file: string): Promise<string[]> {
  const res = await runOpa(['capabilities', '--current']);
  if (res.code !== 0) throw new ToolchainError(`opa capabilities failed: ${res.stderr.trim()}`);
  const caps = JSON.parse(res.stdout) as OpaCapabilities;
  const allowed = new Set<string>([...WASM_NATIVE, ...COMPILER, ...Object.keys(HOST_BUILTINS)]);
  const known = new Set(caps.builtins.map((b) => b.name));
  const missing = [...allowed].filter((n) => !known.has(n));
  if (missing.length > 0) throw new ToolchainError(`OPA does not know built-ins the engine lists: ${missing.join(', ')}`);
  caps.builtins = caps.builtins.filter((b) => allowed.has(b.name));
  writeFileSync(file, `${JSON.stringify(caps, null, 2)}\n`);
  return caps.builtins.map((b) => b.name);
}

function regoFiles(dir: string): string[] {
  const out: string[] = [];
  for (const ent of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, ent.name);
    if (ent.isDirectory()) out.push(...regoFiles(p));
    else if (ent.name.endsWith('.rego') && !ent.name.endsWith('_test.rego')) out.push(p);
  }
  return out.sort();
}

interface InspectAnnotation {
  annotations: { scope: string; title?: string; description?: string; custom?: Record<string, unknown> };
  location: { file: string; row: number };
  path: Array<{ value: string }>;
}

interface InspectOutput {
  namespaces?: Record<string, string[]>;
  annotations?: InspectAnnotation[];
}

/** Turn `opa inspect -a` output into the catalog; throws naming file:line for bad metadata. */
export interface CatalogOptions {
  /** Files of user (custom) policies: their ids must not use the built-in AR- prefix. */
  readonly isCustom?: (file: string) => boolean;
}

export function catalogFromInspect(inspect: InspectOutput, rel: (f: string) => string, options: CatalogOptions = {}): Catalog {
  const byPackage = new Map<string, InspectAnnotation>();
  for (const a of inspect.annotations ?? []) {
    if (a.annotations.scope !== 'package') continue;
    const pkg = a.path
      .map((p) => p.value)
      .slice(1)
      .join('.'); // drop leading "data"
    byPackage.set(pkg, a);
  }
  const policies: PolicyEntry[] = [];
  for (const [ns, files] of Object.entries(inspect.namespaces ?? {})) {
    const pkg = ns.replace(/^data\./, '');
    const parts = pkg.split('.');
    const underRoot = POLICY_ROOT.every((p, i) => parts[i] === p);
    const isPolicy = parts.length === POLICY_ROOT.length + 2 && underRoot;
    const isTest = pkg.endsWith('_test') || files.every((f) => f.endsWith('_test.rego'));
    const file = rel(files.find((f) => !f.endsWith('_test.rego')) ?? files[0]!);
    if (underRoot && !isPolicy && !isTest) {
      throw new ToolchainError(`${file}:1: package ${pkg} is not auditready.policies.<pillar>.<name>, so it would never be evaluated`);
    }
    if (!isPolicy || isTest) continue;
    const ann = byPackage.get(pkg);
    if (!ann) throw new ToolchainError(`${file}:1: policy package ${pkg} has no package-scoped # METADATA`);
    const key = parts.slice(POLICY_ROOT.length).join('.');
    const entry = {
      key,
      package: pkg,
      file: rel(ann.location.file),
      line: ann.location.row,
      title: ann.annotations.title,
      description: ann.annotations.description?.trim(),
      ...ann.annotations.custom,
    } as PolicyEntry;
    if (typeof entry.remediation === 'string') entry.remediation = entry.remediation.trim();
    policies.push(entry);
  }
  policies.sort((a, b) => cmp(a.id, b.id) || cmp(a.key, b.key));
  const catalog: Catalog = { catalog_version: '1', policies };
  const v = validator('catalog');
  if (!v(catalog)) {
    const err = primaryError(v.errors ?? []);
    const idx = Number(/^\/policies\/(\d+)/.exec(err.instancePath)?.[1] ?? -1);
    const p = policies[idx];
    const where = p ? `${p.file}:${p.line}` : 'catalog';
    const what = describeError(err, 2).replace(/^\(top level\): /, '');
    throw new ToolchainError(`${where}: invalid policy metadata: ${what}`);
  }
  for (const p of policies) normalizeFrameworks(p);
  const ids = new Map<string, PolicyEntry>();
  for (const p of policies) {
    if (options.isCustom?.(p.file) && p.id.startsWith('AR-')) {
      throw new ToolchainError(
        `${p.file}:${p.line}: policy id ${p.id}: the AR- prefix is reserved for built-in policies; use your own, e.g. ACME-${p.id.slice(3)}`,
      );
    }
    const other = ids.get(p.id);
    if (other) throw new ToolchainError(`${p.file}:${p.line}: policy id ${p.id} is also used by ${other.file}`);
    ids.set(p.id, p);
    const pillar = p.key.split('.')[0];
    if (pillar !== p.pillar) {
      throw new ToolchainError(`${p.file}:${p.line}: pillar "${p.pillar}" does not match the package's pillar segment "${pillar}"`);
    }
  }
  return catalog;
}

type RawMappings = string[] | Record<string, string | Mapping>;

/**
 * The metadata's `frameworks` (per framework: control ids, or control → statement or
 * {proves, requires}) as the catalog keeps it: `frameworks` lists the ids and `mappings` holds
 * what each mapping proves and the parameter values it needs.
 */
function normalizeFrameworks(p: PolicyEntry): void {
  const raw = p.frameworks as Partial<Record<Framework, RawMappings>>;
  const frameworks: PolicyEntry['frameworks'] = {};
  const mappings: NonNullable<PolicyEntry['mappings']> = {};
  for (const [fw, m] of Object.entries(raw) as [Framework, RawMappings][]) {
    if (Array.isArray(m)) {
      frameworks[fw] = m;
      continue;
    }
    frameworks[fw] = Object.keys(m);
    mappings[fw] = Object.fromEntries(Object.entries(m).map(([id, v]) => [id, typeof v === 'string' ? { proves: v } : v]));
  }
  p.frameworks = frameworks;
  if (Object.keys(mappings).length > 0) p.mappings = mappings;
  else delete p.mappings;
}

/**
 * Compile the policies into one Wasm module with `opa build -t wasm` under the restricted
 * capabilities, and extract the catalog from their annotations.
 */
export async function buildPolicies(
  policyDirs: string | readonly string[],
  outDir: string,
  options: { customDirs?: readonly string[] } = {},
): Promise<BuildResult> {
  const dirs = typeof policyDirs === 'string' ? [policyDirs] : [...policyDirs];
  mkdirSync(outDir, { recursive: true });
  const rel = (f: string) => path.relative(process.cwd(), path.resolve(f));
  const capsFile = path.join(outDir, 'capabilities.json');
  await writeCapabilities(capsFile);

  const bundle = path.join(outDir, 'bundle.tar.gz');
  const build = await runOpa(['build', '-t', 'wasm', '-e', ENTRYPOINT, '--capabilities', capsFile, ...IGNORE, '-o', bundle, ...dirs]);
  if (build.code !== 0) {
    throw new ToolchainError(`policy build failed (opa build -t wasm):\n${(build.stderr || build.stdout).trim()}`);
  }
  const wasm = readTarGzMember(readFileSync(bundle), '/policy.wasm');
  if (!wasm) throw new ToolchainError(`${rel(bundle)} has no /policy.wasm`);
  writeFileSync(path.join(outDir, 'policy.wasm'), wasm);

  const merged: InspectOutput = { namespaces: {}, annotations: [] };
  for (const dir of dirs) {
    const inspect = await runOpa(['inspect', '-a', '--format', 'json', dir]);
    if (inspect.code !== 0) throw new ToolchainError(`opa inspect ${rel(dir)} failed:\n${inspect.stderr.trim()}`);
    const out = JSON.parse(inspect.stdout) as InspectOutput;
    for (const [ns, files] of Object.entries(out.namespaces ?? {})) {
      const seen = merged.namespaces![ns];
      if (seen && !ns.endsWith('_test') && !files.every((f) => f.endsWith('_test.rego')) && !ns.startsWith('data.auditready.lib')) {
        throw new ToolchainError(`${rel(files[0]!)}:1: package ${ns.replace(/^data\./, '')} is already defined by ${rel(seen[0]!)}`);
      }
      merged.namespaces![ns] = [...(seen ?? []), ...files];
    }
    merged.annotations!.push(...(out.annotations ?? []));
  }
  const customRoots = (options.customDirs ?? []).map((d) => path.resolve(d) + path.sep);
  const catalog = catalogFromInspect(merged, rel, {
    isCustom: (f) => customRoots.some((r) => path.resolve(f).startsWith(r)),
  });
  const catalogText = `${JSON.stringify(catalog, null, 2)}\n`;
  writeFileSync(path.join(outDir, 'catalog.json'), catalogText);

  const manifest: BundleManifest = {
    opa_version: (await locateOpa()).version,
    entrypoint: ENTRYPOINT,
    wasm_sha256: sha256(wasm),
    catalog_sha256: sha256(catalogText),
    policies_digest: policiesDigest(dirs),
    policy_count: catalog.policies.length,
  };
  writeFileSync(path.join(outDir, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  return { outDir, manifest, catalog };
}

/** Files the policy build never loads: tests, and scaffolded fixtures beside user policies. */
export const IGNORE = ['--ignore', '*_test.rego', '--ignore', 'fixtures'] as const;

/** sha256 over the sorted (dir index, path, sha256) list of the .rego sources that go into a bundle. */
export function policiesDigest(dirs: readonly string[]): string {
  const lines: string[] = [];
  dirs.forEach((dir, i) => {
    for (const f of regoFiles(dir)) lines.push(`${i}\t${path.relative(dir, f)}\t${sha256(readFileSync(f))}`);
  });
  return sha256(lines.join('\n'));
}

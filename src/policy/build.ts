import { cmp } from '../util/compare.js';
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { InputError, ToolchainError } from '../errors.js';
import { HOST_BUILTINS } from '../engine/builtins.js';
import { BUILTIN_ENTRYPOINTS } from '../engine/engine.js';
import { locateOpa, runOpa } from '../opa/locate.js';
import { sha256 } from '../util/hash.js';
import { kindOf, readRegularFile, readTextFile } from '../util/read-file.js';
import { describeError, primaryError, validator } from '../util/schema.js';
import { COMPILER, WASM_NATIVE } from './builtins-capability.js';
import type { Catalog, Framework, Mapping, PolicyEntry } from './catalog.js';
import { readTarGzMember } from './tar.js';

const ENTRYPOINT = 'auditready/main/findings';
/** The same findings split for the engine (policies/main.rego): per-tool policies and cross-tool policies. */
const PER_TOOL_ENTRYPOINT = 'auditready/main/per_tool';
const CROSS_TOOL_ENTRYPOINT = 'auditready/main/cross_tool';
const ENTRYPOINT_FLAGS = [ENTRYPOINT, PER_TOOL_ENTRYPOINT, CROSS_TOOL_ENTRYPOINT].flatMap((e) => ['-e', e]);
const POLICY_ROOT = ['auditready', 'policies'];

export interface PolicyBundleManifest {
  opa_version: string;
  entrypoint: string;
  /**
   * With custom policies: an entrypoint for the built-in policies only, and one per custom
   * policy (by policy key), so each custom policy is evaluated within its own time budget.
   */
  entrypoints?: { builtin: string; custom: Record<string, string> };
  wasm_sha256: string;
  catalog_sha256: string;
  /** sha256 over the sorted (path, sha256) list of the .rego sources that went into the bundle. */
  policies_digest: string;
  policy_count: number;
}

export interface BuildResult {
  readonly outDir: string;
  readonly manifest: PolicyBundleManifest;
  readonly catalog: Catalog;
}

interface OpaCapabilities {
  builtins: Array<{ name: string }>;
  [k: string]: unknown;
}

/** The capabilities file: OPA's own, cut down to the built-ins our Wasm engine really provides. */
async function writeCapabilities(file: string): Promise<string[]> {
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

/** The policy files of a directory tree (tests left out); a .rego that is a FIFO or device is an error, never read. */
export function regoFiles(dir: string): string[] {
  const out: string[] = [];
  for (const ent of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, ent.name);
    if (ent.isDirectory()) out.push(...regoFiles(p));
    else if (ent.name.endsWith('.rego') && !ent.name.endsWith('_test.rego')) {
      const kind = ent.isFile() ? 'regular file' : kindOf(statSync(p));
      if (kind !== 'regular file') throw new InputError({ file: p }, `is a ${kind}, not a regular file (only regular files are read)`);
      out.push(p);
    }
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
interface CatalogOptions {
  /** Files of user (custom) policies: their ids must not use the built-in AR- prefix. */
  readonly isCustom?: (file: string) => boolean;
  /** A policy file's text, to check that a per-tool policy reads only the tool it judges. */
  readonly readSource?: (file: string) => string;
}

/**
 * The engine evaluates per-tool policies on chunks of tools (src/engine/estate.ts), so a policy
 * outside the cross_tool pillar must take its tools from lib.in_scope and never read
 * input.tools itself: it would see only the tools of its chunk. A text check of the source
 * (comments and strings left out), for honest mistakes.
 */
function checkPerTool(p: PolicyEntry, source: string): void {
  // strings become "s" (but "tools" stays), then comments go
  const code = source
    .split('\n')
    .map((l) => l.replace(/"(?:[^"\\]|\\.)*"|`[^`]*`/g, (m) => (m.slice(1, -1) === 'tools' ? '"tools"' : '"s"')).replace(/#.*$/, ''));
  const wholeEstate = /\binput\s*\.\s*tools\b|\binput\s*\[\s*"tools"\s*\]|\bobject\.get\(\s*input\s*,\s*\[?\s*"tools"|\bwalk\(\s*input\b/;
  const i = code.findIndex((l) => wholeEstate.test(l));
  if (i < 0) return;
  const line = source.split('\n')[i]!.trim();
  throw new ToolchainError(
    `${p.file}:${i + 1}: ${p.id} (pillar ${p.pillar}) reads the whole estate (${line}); a per-tool policy judges each tool on its own snapshot: take tools from lib.in_scope(rego.metadata.chain()), or make it a cross_tool policy and list every fact it reads in facts`,
  );
}

function catalogFromInspect(inspect: InspectOutput, rel: (f: string) => string, options: CatalogOptions = {}): Catalog {
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
    const { custom: _ignored, ...metadata } = (ann.annotations.custom ?? {}) as Record<string, unknown>;
    const entry = {
      key,
      package: pkg,
      file: rel(ann.location.file),
      line: ann.location.row,
      title: ann.annotations.title,
      description: ann.annotations.description?.trim(),
      ...metadata,
      ...(options.isCustom?.(ann.location.file) ? { custom: true } : {}),
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
    if (p.pillar !== 'cross_tool' && options.readSource) checkPerTool(p, options.readSource(p.file));
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

  // Packages first: a custom directory that redefines a built-in package is refused before OPA
  // compiles (and reports it as a type error somewhere in the library).
  const customRoots = (options.customDirs ?? []).map((d) => path.resolve(d) + path.sep);
  const isCustomFile = (f: string) => customRoots.some((r) => path.resolve(f).startsWith(r));
  const merged: InspectOutput = { namespaces: {}, annotations: [] };
  for (const dir of dirs) {
    const inspect = await runOpa(['inspect', '-a', '--format', 'json', dir]);
    if (inspect.code !== 0) throw new ToolchainError(`opa inspect ${rel(dir)} failed:\n${inspect.stderr.trim()}`);
    const out = JSON.parse(inspect.stdout) as InspectOutput;
    for (const [ns, files] of Object.entries(out.namespaces ?? {})) {
      const seen = merged.namespaces![ns];
      const built = files.filter((f) => !f.endsWith('_test.rego')); // test files never go into the bundle
      if (seen && built.length > 0 && !ns.endsWith('_test') && !ns.startsWith('data.auditready.lib')) {
        throw new ToolchainError(`${at(built[0]!)}: package ${ns.replace(/^data\./, '')} is already defined by ${rel(seen[0]!)}`);
      }
      const custom = built.filter(isCustomFile);
      if (custom.length > 0) checkCustomPackage(ns.replace(/^data\./, ''), Boolean(seen), at(custom[0]!));
      merged.namespaces![ns] = [...(seen ?? []), ...files];
    }
    merged.annotations!.push(...(out.annotations ?? []));
  }
  const catalog = catalogFromInspect(merged, rel, { isCustom: isCustomFile, readSource: (f) => readTextFile(f).text });
  const entrypoints = customEntrypoints(catalog, outDir);
  const bundle = path.join(outDir, 'bundle.tar.gz');
  const build = await runOpa([
    'build',
    '-t',
    'wasm',
    ...ENTRYPOINT_FLAGS,
    ...(entrypoints ? [...Object.values(BUILTIN_ENTRYPOINTS), ...Object.values(entrypoints.custom)].flatMap((e) => ['-e', e]) : []),
    '--capabilities',
    capsFile,
    ...IGNORE,
    '-o',
    bundle,
    ...dirs,
    ...(entrypoints ? [path.join(outDir, GENERATED_DIR)] : []),
  ]);
  if (build.code !== 0) {
    throw new ToolchainError(`policy build failed (opa build -t wasm):\n${(build.stderr || build.stdout).trim()}`);
  }
  const wasm = readTarGzMember(readFileSync(bundle), '/policy.wasm');
  if (!wasm) throw new ToolchainError(`${rel(bundle)} has no /policy.wasm`);
  writeFileSync(path.join(outDir, 'policy.wasm'), wasm);

  const catalogText = `${JSON.stringify(catalog, null, 2)}\n`;
  writeFileSync(path.join(outDir, 'catalog.json'), catalogText);

  const manifest: PolicyBundleManifest = {
    opa_version: (await locateOpa()).version,
    entrypoint: ENTRYPOINT,
    wasm_sha256: sha256(wasm),
    catalog_sha256: sha256(catalogText),
    policies_digest: policiesDigest(dirs),
    policy_count: catalog.policies.length,
    ...(entrypoints ? { entrypoints: { builtin: entrypoints.builtin, custom: entrypoints.custom } } : {}),
  };
  writeFileSync(path.join(outDir, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  return { outDir, manifest, catalog };
}

/** Folder (inside the build output) of the generated entrypoint for the built-in policies. */
const GENERATED_DIR = 'generated';

/**
 * With custom policies, the bundle gets an entrypoint per custom policy and one that aggregates
 * only the built-in policies (a generated Rego file with one rule per built-in policy: static
 * references, so evaluating it never runs a custom rule). Undefined without custom policies.
 */
function customEntrypoints(catalog: Catalog, outDir: string): { builtin: string; custom: Record<string, string> } | undefined {
  const custom = catalog.policies.filter((p) => p.custom && !p.deprecated);
  if (custom.length === 0) return undefined;
  // findings, and its per-tool and cross-tool halves for the chunked evaluation (src/engine/estate.ts)
  const rules = catalog.policies
    .filter((p) => !p.custom)
    .flatMap((p) => {
      const ref = `data.auditready.policies.${p.key}.findings`;
      const half = p.pillar === 'cross_tool' ? 'cross_tool' : 'per_tool';
      return [`findings[${JSON.stringify(p.key)}] := ${ref}`, `${half}[${JSON.stringify(p.key)}] := ${ref}`];
    });
  const dir = path.join(outDir, GENERATED_DIR);
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    path.join(dir, 'builtin_main.rego'),
    `# Generated by auditready: the built-in policies' findings, without the custom ones.
package auditready.builtin_main

${rules.join('\n\n')}
`,
  );
  return {
    builtin: BUILTIN_ENTRYPOINTS.all,
    custom: Object.fromEntries(custom.map((p) => [p.key, `auditready/policies/${p.key.replace('.', '/')}/findings`])),
  };
}

/** "file:line" of the package declaration of a Rego file (line 1 when it cannot be read). */
function at(file: string): string {
  let line = 1;
  try {
    const i = readFileSync(file, 'utf8')
      .split('\n')
      .findIndex((l) => /^\s*package\s/.test(l));
    if (i >= 0) line = i + 1;
  } catch {
    line = 1;
  }
  return `${path.relative(process.cwd(), path.resolve(file))}:${line}`;
}

/**
 * What a custom policy directory may declare under `auditready`: only new policy packages
 * (auditready.policies.<pillar>.<name>). The library, the aggregating entrypoint, the parameters
 * and the built-in policies are the built-in bundle's: adding a rule to them would change
 * built-in verdicts (e.g. `known(_, _) := true` in auditready.lib turns unknown into pass).
 */
function checkCustomPackage(pkg: string, builtIn: boolean, where: string): void {
  const parts = pkg.split('.');
  if (parts[0] !== 'auditready') return; // the user's own helper packages are theirs
  const isPolicy = parts.length === POLICY_ROOT.length + 2 && POLICY_ROOT.every((p, i) => parts[i] === p);
  if (isPolicy && !builtIn) return;
  if (parts[1] === POLICY_ROOT[1] && !isPolicy) return; // catalogFromInspect says it would never run
  throw new ToolchainError(
    `${where}: package ${pkg} is built in: a custom policy cannot add to or redefine it (use package auditready.policies.<pillar>.<name> for a new policy, or a package of your own for helpers)`,
  );
}

/** Files the policy build never loads: tests, and scaffolded fixtures beside user policies. */
const IGNORE = ['--ignore', '*_test.rego', '--ignore', 'fixtures'] as const;

/** sha256 over the sorted (dir index, path, sha256) list of the .rego sources that go into a bundle. */
export function policiesDigest(dirs: readonly string[]): string {
  const lines: string[] = [];
  dirs.forEach((dir, i) => {
    for (const f of regoFiles(dir)) lines.push(`${i}\t${path.relative(dir, f)}\t${sha256(readRegularFile(f))}`);
  });
  return sha256(lines.join('\n'));
}

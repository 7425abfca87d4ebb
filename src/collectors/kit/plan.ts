/**
 * Config-time decisions for each target, made at config load so that every error in
 * auditready's own configuration stops the run before anything is collected (exit 2): which
 * collector and mode read it, its options (JSON Schema), its files (paths and globs that must
 * match), its endpoint, and that it names a token variable. `checkCredentials` adds the one check
 * that needs the environment (the token variable is set) and runs before collection starts.
 */
import { InputError, type Position } from '../../errors.js';
import type { ToolType } from '../../model/tool-types.js';
import type { SourceDocument } from '../../util/yaml-source.js';
import type { AnyCollector, CollectMode } from '../types.js';
import { type InputFile, resolveInputFiles } from './files.js';
import { validateOptions } from './options.js';

/** A target as the config declares it. */
export interface RawTarget {
  readonly type: ToolType;
  readonly name: string;
  /** JSON pointer of this target in the config, for error positions. */
  readonly pointer: string;
  readonly facts?: string;
  /** Configuration files of the tool (paths and globs relative to the config), as written. */
  readonly files?: readonly string[];
  readonly endpoint?: string;
  readonly token_env?: string;
  readonly options?: Readonly<Record<string, unknown>>;
}

/** Decided at config load: the collector (registry key) and the mode that read a target, and its inputs. */
export interface TargetPlan {
  /** Registry key of the collector. */
  readonly collector: string;
  readonly mode: CollectMode;
  /** The facts file (facts mode), the files (files mode), or files given next to the endpoint (live), resolved and sorted. */
  readonly inputs: readonly InputFile[];
}

export interface ConfigRef {
  readonly file: string;
  readonly dir: string;
  readonly source: SourceDocument;
}

function isLoopback(host: string): boolean {
  return host === '127.0.0.1' || host === 'localhost' || host === '[::1]';
}

/**
 * Choose the collector and mode for a target and check everything about it that the config alone
 * decides. `collectors` is the registry in order; `factsCollector` reads `facts:`.
 */
export function planTarget(t: RawTarget, collectors: Readonly<Record<string, AnyCollector>>, factsKey: string, config: ConfigRef): TargetPlan {
  const at = (suffix: string): Position => ({ file: config.file, ...config.source.locate(`${t.pointer}${suffix}`) });
  const fail = (suffix: string, problem: string): never => {
    throw new InputError(at(suffix), `${t.type} target ${t.name}: ${problem}`);
  };
  const files = (): InputFile[] => resolveInputFiles(t.files ?? [], config.dir, (i) => at(`/files/${i}`));

  if (t.facts !== undefined) {
    if (t.files !== undefined)
      fail('/files', "give either facts: (a facts file in the normalized model) or files: (the tool's own configuration files), not both");
    const facts = collectors[factsKey]!;
    validateOptions(facts, t, config);
    const inputs = resolveInputFiles([t.facts], config.dir, () => at('/facts'), 'facts file');
    return { collector: factsKey, mode: 'facts', inputs };
  }
  const entry = Object.entries(collectors).find(([, c]) => c.types !== '*' && c.types.includes(t.type));
  if (!entry) {
    return fail('/type', `no collector reads ${t.type} targets yet; give the facts with "facts: FILE" (see schemas/facts.schema.json)`);
  }
  const [key, collector] = entry;
  const modes = [collector.files ? 'files:' : '', collector.live ? 'endpoint: (and token_env:)' : ''].filter(Boolean).join(' or ');
  let mode: CollectMode;
  if (t.endpoint !== undefined || (t.files === undefined && collector.live?.defaultEndpoint !== undefined)) {
    if (!collector.live) return fail('/endpoint', `the ${collector.name} collector has no live mode; give ${modes}`);
    mode = 'live';
  } else if (t.files !== undefined) {
    if (!collector.files) return fail('/files', `the ${collector.name} collector reads only a live API; give ${modes}`);
    mode = 'files';
  } else {
    return fail('', `give ${modes} to read it, or facts: FILE`);
  }
  validateOptions(collector, t, config);
  if (mode === 'files') return { collector: key, mode, inputs: files() };

  const live = collector.live!;
  if (t.files !== undefined && !live.files?.length)
    fail('/files', `in live mode the ${collector.name} collector reads everything from the API; remove files: or endpoint:`);
  const raw = (t.endpoint ?? live.defaultEndpoint!).replace(/\/+$/, '');
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return fail('/endpoint', 'endpoint is not a URL');
  }
  if (live.transport === 'command') {
    const schemes = live.schemes ?? [];
    if (!schemes.includes(url.protocol)) {
      fail(
        '/endpoint',
        `endpoint must be a ${schemes.map((s) => s.replace(/:$/, '')).join(' or ')} URL (the ${collector.name} collector runs the tool's own client)`,
      );
    }
  } else if (url.protocol !== 'https:' && !(url.protocol === 'http:' && isLoopback(url.hostname))) {
    fail('/endpoint', 'endpoint must be https (plain http only on the loopback interface)');
  }
  if (url.username || url.password) fail('/endpoint', 'endpoint must not carry credentials; name the variable that holds the token with token_env');
  const problem = live.check?.(t as never, url, config.dir);
  if (problem) fail(problem.at, problem.problem);
  if (live.token === 'required' && !t.token_env) fail('', 'token_env must name the environment variable that holds the token');
  return { collector: key, mode, inputs: files() };
}

/** The one config check that needs the environment: every token variable a live target names is set. */
export function checkCredentials(
  targets: readonly (RawTarget & TargetPlan)[],
  collectors: Readonly<Record<string, AnyCollector>>,
  env: Readonly<Record<string, string | undefined>>,
  config: ConfigRef,
): void {
  for (const t of targets) {
    if (t.mode !== 'live' || !t.token_env) continue;
    if (collectors[t.collector]?.live?.token === 'none') continue;
    if (!env[t.token_env]) {
      const { line, col } = config.source.locate(`${t.pointer}/token_env`);
      throw new InputError({ file: config.file, line, col }, `${t.type} target ${t.name}: environment variable ${t.token_env} is not set or empty`);
    }
  }
}

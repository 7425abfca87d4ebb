import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { loadProfile } from '../config/profile.js';
import { UsageError } from '../errors.js';
import { type Detection, detect } from '../init/detect.js';
import { factsPath, renderInit, requestedType } from '../init/render.js';
import { isToolType, TOOL_TYPES, type ToolType } from '../model/tool-types.js';
import { schemaRef } from '../util/schema-ref.js';
import { writeNewFile } from './output.js';
import { EXIT, type RegisterCommand } from './types.js';

interface InitFlags {
  dir: string;
  config: string;
  yes?: boolean;
  force?: boolean;
  type?: string;
  profile: string;
  print?: boolean;
}

function typesOf(value: string): ToolType[] {
  return value.split(',').map((t) => {
    const type = t.trim();
    if (!isToolType(type)) throw new UsageError(`--type: unknown tool type "${type}"; expected some of: ${Object.keys(TOOL_TYPES).join(', ')}`);
    return type;
  });
}

/** Detections limited to --type, plus a starter facts file for each asked type not found. */
function select(found: readonly Detection[], types: readonly ToolType[] | undefined): Detection[] {
  if (!types) return [...found];
  const kept = found.filter((d) => types.includes(d.type));
  return [...kept, ...types.filter((t) => !kept.some((d) => d.type === t)).map(requestedType)];
}

function describe(d: Detection): string {
  if (d.mode === 'files') return `files: ${d.files.join(', ')}`;
  if (d.mode === 'facts') return `starter facts file ${factsPath(d)}${d.files.length ? ` (found ${d.files.join(', ')})` : ''}`;
  return `live: ${d.found.join('; ')}`;
}

export const registerInit: RegisterCommand = ({ program, setExit }) => {
  program
    .command('init')
    .description('write a commented auditready.yaml (and starter facts files) from the tool configs found in a folder and the environment')
    .option('--dir <dir>', 'folder to scan and write into', '.')
    .option('-c, --config <file>', 'config file name, relative to --dir', 'auditready.yaml')
    .option('-y, --yes', 'write without asking (the default without a terminal)')
    .option('--force', 'replace files that exist (never replaced otherwise)')
    .option('--type <types>', 'only these tool types, comma-separated; a type not found gets a starter facts file')
    .option('--profile <name>', 'profile to set in the config', 'baseline')
    .option('--print', 'print the config to stdout instead of writing files')
    .action(async (opts: InitFlags, _command: Command) => {
      const dir = path.resolve(opts.dir);
      if (!existsSync(dir)) throw new UsageError(`--dir ${opts.dir}: no such folder`);
      const profile = loadProfile(opts.profile);
      let detections = select(detect(dir, { env: process.env }), opts.type ? typesOf(opts.type) : undefined);
      if (detections.length === 0) {
        throw new UsageError(
          `found no tool configuration in ${opts.dir} (JCasC, Argo CD ConfigMaps, Kubernetes audit policy or RBAC, chrony.conf, Loki or registry config, GITHUB_TOKEN with a github.com remote); name tool types with --type (e.g. --type jenkins,vault) to start from facts templates`,
        );
      }
      if (!opts.yes && !opts.print && process.stdin.isTTY && process.stdout.isTTY) {
        const { askInitChoices } = await import('../tui/init-prompt.js');
        const chosen = await askInitChoices({
          dir: opts.dir,
          configName: opts.config,
          choices: detections.map((d) => ({ id: `${d.type}/${d.name}`, detail: describe(d) })),
        });
        if (chosen === null || chosen.length === 0) {
          process.stderr.write('auditready: init cancelled; nothing written\n');
          setExit(EXIT.ok);
          return;
        }
        detections = chosen.map((i) => detections[i]!);
      }
      const configPath = path.join(dir, opts.config);
      const files = renderInit(detections, {
        now: new Date(),
        profile,
        configName: opts.config,
        schemas: { config: schemaRef('config', path.dirname(configPath)), facts: schemaRef('facts', path.join(dir, 'facts')) },
      });
      if (opts.print) {
        process.stdout.write(files[0]!.text);
        setExit(EXIT.ok);
        return;
      }
      // All or nothing: an existing file stops the run before anything is written.
      const existing = files.filter((f) => existsSync(path.join(dir, f.path))).map((f) => f.path);
      if (existing.length > 0 && !opts.force) {
        throw new UsageError(`${existing.join(', ')} exist${existing.length === 1 ? 's' : ''} in ${opts.dir}; nothing written (use --force to replace)`);
      }
      for (const f of files) writeNewFile(path.join(dir, f.path), f.text, Boolean(opts.force));
      const lines = files.map((f) => `wrote ${path.join(opts.dir, f.path)}`);
      for (const d of detections) lines.push(`  ${d.type}/${d.name}: ${describe(d)}`);
      lines.push(`next: auditready config validate -c ${path.join(opts.dir, opts.config)} && auditready check -c ${path.join(opts.dir, opts.config)}`);
      process.stdout.write(`${lines.join('\n')}\n`);
      setExit(EXIT.ok);
    });
};

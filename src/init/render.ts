/**
 * The files `auditready init` writes: a commented auditready.yaml with one target per detection,
 * and a starter facts file (facts-template.ts) for each target read from a facts file.
 */
import type { Profile } from '../config/profile.js';
import { factsTemplate } from '../model/facts-template.js';
import type { TOOL_TYPES } from '../model/tool-types.js';
import type { Detection } from './detect.js';

export interface InitFile {
  /** Relative to the folder init writes into, forward slashes. */
  readonly path: string;
  readonly text: string;
}

export interface RenderInitOptions {
  readonly now: Date;
  readonly profile: Pick<Profile, 'name' | 'params'>;
  /** The config's file name (relative to the folder). */
  readonly configName: string;
  /** $schema values: the config's relative to the folder, the facts files' relative to facts/ (schema-ref.ts). */
  readonly schemas: { readonly config: string; readonly facts: string };
}

const q = (s: string): string => (/^[A-Za-z0-9._/@-]+$/.test(s) && !/^(true|false|null|yes|no|on|off|~)$/i.test(s) ? s : JSON.stringify(s));

/** Where a facts-mode detection's starter file goes. */
export function factsPath(d: Pick<Detection, 'type' | 'name'>): string {
  return `facts/${d.type}-${d.name}.yaml`;
}

function targetLines(d: Detection): string[] {
  const lines = [''];
  for (const f of d.found) lines.push(`  # found ${f}`);
  if (d.mode === 'files') lines.push('  # read natively in files mode: every fact records the file and line it came from');
  if (d.mode === 'facts') {
    lines.push(
      d.files.length > 0
        ? `  # no native collector reads ${d.type} yet: fill in ${factsPath(d)} from the file(s) above`
        : `  # fill in ${factsPath(d)} (every fact starts unknown)`,
    );
  }
  lines.push(`  - type: ${d.type}`, `    name: ${q(d.name)}`);
  if (d.mode === 'files') {
    lines.push('    files:');
    for (const f of d.files) lines.push(`      - ${q(f)}`);
  } else if (d.mode === 'facts') {
    lines.push(`    facts: ${factsPath(d)}`);
  } else {
    lines.push(`    token_env: ${d.token_env ?? 'GITHUB_TOKEN'}   # the NAME of the variable holding the token, never the token`);
    if (d.options) {
      lines.push('    options:');
      for (const [k, v] of Object.entries(d.options)) lines.push(`      ${k}: ${q(v)}`);
    }
  }
  return lines;
}

/** The config text and the starter facts files. */
export function renderInit(detections: readonly Detection[], options: RenderInitOptions): InitFile[] {
  const day = options.now.toISOString().slice(0, 10);
  const lines = [
    `# yaml-language-server: $schema=${options.schemas.config}`,
    `# auditready configuration, written by \`auditready init\` on ${day} from what it found here.`,
    '# Check it with `auditready config validate`, run it with `auditready check`.',
    '# Reference: README "Configuration" (every key), "Collectors" (what each target reads).',
    'version: 1',
    `profile: ${options.profile.name}              # parameter profile: baseline, soc2, iso27001, pci-dss, hipaa, fedramp-moderate, cis-sscs`,
    'fail_on: high                  # lowest severity that fails the run: critical | high | medium | low',
    'fail_on_unknown: true          # a fact that could not be read gates like a failure (fail closed)',
    '# approvers: ["Dana Whitfield (CISO)"]   # who may approve waivers and facts declared not applicable',
    '# parameters: { max_admins: 5 }         # override profile parameters (auditready policies list names them)',
    'targets:',
  ];
  for (const d of detections) lines.push(...targetLines(d));
  const files: InitFile[] = [{ path: options.configName, text: `${lines.join('\n')}\n` }];
  for (const d of detections.filter((x) => x.mode === 'facts')) {
    files.push({
      path: factsPath(d),
      text: factsTemplate(d.type, { now: options.now, profile: options.profile, schema: options.schemas.facts, name: d.name }),
    });
  }
  return files;
}

/** A facts-mode detection for a type asked for with --type but not found. */
export function requestedType(type: keyof typeof TOOL_TYPES): Detection {
  return { type, name: 'main', mode: 'facts', files: [], found: [`--type ${type}`] };
}

import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { type Command, Option } from 'commander';
import { loadPolicyBundle } from '../engine/policy-bundle.js';
import { UsageError } from '../errors.js';
import { locateOpa } from '../opa/locate.js';
import type { Catalog, Pillar } from '../policy/catalog.js';
import { BUILTIN_POLICIES_DIR, checkPolicyDirs, customPolicyBundle } from '../policy/custom.js';
import { PILLAR_CODES, scaffoldPolicy } from '../policy/scaffold.js';
import { SEVERITIES } from '../report/types.js';
import { writeOutput } from './output.js';
import { maxOf } from '../util/max.js';
import { EXIT, type RegisterCommand } from './types.js';

const collect = (v: string, acc: string[]) => [...acc, v];

async function catalogFor(dirs: readonly string[]): Promise<Catalog> {
  checkPolicyDirs(dirs, (d) => ({ file: `--policy ${d}` }));
  return loadPolicyBundle(dirs.length > 0 ? await customPolicyBundle(dirs) : undefined).catalog;
}

function policyListTable(catalog: Catalog): string {
  const rows = catalog.policies.map((p) => [p.id, p.severity, p.pillar, p.title + (p.deprecated ? ' (deprecated)' : ''), Object.keys(p.frameworks).join(',')]);
  const head = ['ID', 'SEVERITY', 'PILLAR', 'TITLE', 'FRAMEWORKS'];
  const widths = head.map((h, i) => maxOf(rows, (r) => r[i]!.length, h.length));
  const line = (r: string[]) => r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]! + 2))).join('');
  return `${[line(head), ...rows.map(line)].join('\n')}\n\n${catalog.policies.length} policies\n`;
}

export const registerPolicies: RegisterCommand = ({ program, setExit }) => {
  const policies = program.command('policies').description('list, test and scaffold policies');

  policies
    .command('list')
    .description('list policies: id, severity, pillar, title, frameworks')
    .option('--policy <dir>', 'include a directory of custom policies (repeatable)', collect, [] as string[])
    .addOption(new Option('-f, --format <format>', 'output format').choices(['table', 'json']).default('table'))
    .action(async (opts: { policy: string[]; format: string }) => {
      const catalog = await catalogFor(opts.policy);
      writeOutput(opts.format === 'json' ? `${JSON.stringify(catalog, null, 2)}\n` : policyListTable(catalog), undefined);
      setExit(EXIT.ok);
    });

  policies
    .command('test [dirs...]')
    .description('run `opa test` on the built-in policies and the given custom policy directories')
    .option('-v, --verbose', 'print every test')
    .option('--coverage', 'print coverage (opa test --coverage)')
    .action(async (dirs: string[], opts: { verbose?: boolean; coverage?: boolean }, command: Command) => {
      checkPolicyDirs(dirs, (d) => ({ file: d }));
      const opa = await locateOpa();
      const args = ['test', '--ignore', 'fixtures']; // scaffolded fixtures are facts, not policy data
      // --verbose after the command name is the program's (src/cli.ts): the same request
      if (opts.verbose || command.optsWithGlobals<{ verbose?: boolean }>().verbose) args.push('-v');
      if (opts.coverage) args.push('--coverage', '--format', 'json');
      args.push(BUILTIN_POLICIES_DIR, ...dirs.map((d) => path.resolve(d)));
      const r = spawnSync(opa.path, args, { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
      if (r.error) throw new UsageError(`cannot run ${opa.path}: ${r.error.message}`);
      if (opts.coverage && r.status === 0) {
        const cov = JSON.parse(r.stdout) as { coverage: number };
        process.stdout.write(`coverage: ${cov.coverage.toFixed(1)}%\n`);
      } else {
        process.stdout.write(r.stdout);
        process.stderr.write(r.stderr);
      }
      // opa test: 0 all passed, 2 a test failed, 1 an error (e.g. a parse error)
      setExit(r.status === 0 ? EXIT.ok : r.status === 2 ? EXIT.findings : EXIT.error);
    });

  policies
    .command('new <name>')
    .description('scaffold a custom policy: the rule, its test and a facts fixture')
    .addOption(new Option('--pillar <pillar>', 'pillar of the new policy').choices(Object.keys(PILLAR_CODES)).makeOptionMandatory())
    .option('--dir <dir>', 'custom policy directory', 'policies.d')
    .option('--prefix <prefix>', 'id prefix (AR- is reserved for built-in policies)', 'CUSTOM')
    .option('--fact <path>', 'boolean fact the rule requires to be true', 'identity.mfa_required')
    .addOption(new Option('--severity <severity>', 'severity').choices(SEVERITIES).default('medium'))
    .action((name: string, opts: { pillar: Pillar; dir: string; prefix: string; fact: string; severity: string }) => {
      const { id, files } = scaffoldPolicy({ name, ...opts });
      process.stdout.write(`created ${id}:\n${files.map((f) => `  ${f}`).join('\n')}\nnext: auditready policies test ${opts.dir}\n`);
      setExit(EXIT.ok);
    });
};

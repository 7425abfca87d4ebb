/**
 * Files mode input: the `files:` of a target, resolved against the config's folder (a `*` in the
 * file name matches within its folder), each read whole with a size cap. A missing file or a
 * pattern that matches nothing is an error at the config line that names it.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { InputError } from '../../errors.js';
import type { CollectContext } from '../types.js';

/** Largest configuration file read (bytes). */
export const MAX_FILE_BYTES = 16 * 1024 * 1024;

export interface ReadFile {
  /** Path as shown in evidence: relative to the working directory. */
  readonly file: string;
  readonly text: string;
}

function globToRegExp(name: string): RegExp {
  return new RegExp(
    `^${name
      .replace(/[.+^${}()|[\]\\]/g, '\\$&')
      .replace(/\*/g, '[^/]*')
      .replace(/\?/g, '[^/]')}$`,
  );
}

export function readTargetFiles(ctx: CollectContext, maxBytes = MAX_FILE_BYTES): ReadFile[] {
  const { target } = ctx;
  const list = target.files ?? [];
  const out: ReadFile[] = [];
  const seen = new Set<string>();
  list.forEach((entry, i) => {
    const at = () => {
      const { line, col } = ctx.configSource.locate(`${target.pointer}/files/${i}`);
      return { file: ctx.configFile, line, col };
    };
    const abs = path.resolve(ctx.configDir, entry);
    let paths: string[];
    if (/[*?]/.test(path.basename(abs))) {
      const dir = path.dirname(abs);
      let names: string[];
      try {
        names = readdirSync(dir);
      } catch {
        throw new InputError(at(), `${target.type} target ${target.name}: folder of "${entry}" not found`);
      }
      const re = globToRegExp(path.basename(abs));
      paths = names
        .filter((n) => re.test(n))
        .sort()
        .map((n) => path.join(dir, n))
        .filter((p) => statSync(p).isFile());
      if (!paths.length) throw new InputError(at(), `${target.type} target ${target.name}: "${entry}" matches no file`);
    } else paths = [abs];
    for (const p of paths) {
      if (seen.has(p)) continue;
      seen.add(p);
      const display = path.relative(process.cwd(), p) || p;
      let size: number;
      try {
        const st = statSync(p);
        if (!st.isFile()) throw new InputError(at(), `${target.type} target ${target.name}: ${display} is not a file`);
        size = st.size;
      } catch (e) {
        if (e instanceof InputError) throw e;
        throw new InputError(at(), `${target.type} target ${target.name}: file ${display} not found`, { cause: e });
      }
      if (size > maxBytes)
        throw new InputError({ file: display }, `larger than ${Math.round(maxBytes / 1024 / 1024)} MB: not a configuration file auditready reads`);
      out.push({ file: display, text: readFileSync(p, 'utf8') });
    }
  });
  return out;
}

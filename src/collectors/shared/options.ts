/**
 * Checking a target's `options:`, `endpoint:` and `token_env:` for the Jenkins and GitLab
 * collectors: every problem is an InputError at the config line, before anything is collected.
 */
import { InputError, type Position } from '../../errors.js';
import type { CollectContext } from '../types.js';

export type OptionSpec =
  | { readonly type: 'string'; readonly pattern?: RegExp; readonly hint: string }
  | { readonly type: 'int'; readonly min: number; readonly max: number }
  | { readonly type: 'enum'; readonly values: readonly string[] };

export function positionOf(ctx: CollectContext, suffix: string): Position {
  const { line, col } = ctx.configSource.locate(`${ctx.target.pointer}${suffix}`);
  return { file: ctx.configFile, line, col };
}

export function readOptions<K extends string>(ctx: CollectContext, spec: Record<K, OptionSpec>): Partial<Record<K, string | number>> {
  const { target } = ctx;
  const options = (target.options ?? {}) as Record<string, unknown>;
  const label = `${target.type} target ${target.name}`;
  const out: Partial<Record<K, string | number>> = {};
  for (const key of Object.keys(options)) {
    if (!(key in spec)) throw new InputError(positionOf(ctx, `/options/${key}`), `${label}: unknown option "${key}" (known: ${Object.keys(spec).join(', ')})`);
  }
  for (const [key, s] of Object.entries(spec) as [K, OptionSpec][]) {
    const v = options[key];
    if (v === undefined) continue;
    const at = positionOf(ctx, `/options/${key}`);
    if (s.type === 'int') {
      if (typeof v !== 'number' || !Number.isInteger(v) || v < s.min || v > s.max)
        throw new InputError(at, `${label}: options.${key} must be an integer from ${s.min} to ${s.max}`);
    } else if (s.type === 'enum') {
      if (typeof v !== 'string' || !s.values.includes(v)) throw new InputError(at, `${label}: options.${key} must be one of ${s.values.join(', ')}`);
    } else if (typeof v !== 'string' || (s.pattern && !s.pattern.test(v))) {
      throw new InputError(at, `${label}: options.${key} must be ${s.hint}`);
    }
    out[key] = v as string | number;
  }
  return out;
}

/** The endpoint as a base URL without trailing slash: https, or http on loopback (tests). */
export function baseUrl(ctx: CollectContext, example: string): string {
  const raw = (ctx.target.endpoint ?? '').replace(/\/+$/, '');
  const label = `${ctx.target.type} target ${ctx.target.name}`;
  let url: URL;
  try {
    url = new URL(raw);
  } catch (e) {
    throw new InputError(positionOf(ctx, '/endpoint'), `${label}: endpoint is not a URL (e.g. ${example})`, { cause: e });
  }
  if (url.username || url.password)
    throw new InputError(positionOf(ctx, '/endpoint'), `${label}: endpoint must not carry credentials; name the token with token_env`);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname))) {
    throw new InputError(positionOf(ctx, '/endpoint'), `${label}: endpoint must be https (e.g. ${example})`);
  }
  return raw;
}

export function tokenFrom(ctx: CollectContext): string {
  const label = `${ctx.target.type} target ${ctx.target.name}`;
  if (!ctx.target.token_env) throw new InputError(positionOf(ctx, ''), `${label}: token_env must name the environment variable that holds the token`);
  const token = ctx.env[ctx.target.token_env];
  if (!token) throw new InputError(positionOf(ctx, '/token_env'), `${label}: environment variable ${ctx.target.token_env} is not set or empty`);
  return token;
}

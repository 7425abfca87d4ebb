/**
 * The built-ins the engine really provides, used to write the capabilities file the policy
 * build runs with, so a policy that needs anything else fails the build rather than an audit.
 */

/** Implemented natively inside OPA's Wasm module (OPA v1.21.4 internal/compiler/wasm/wasm.go). */
export const WASM_NATIVE = [
  'abs', 'and', 'array.concat', 'array.flatten', 'array.reverse', 'array.slice', 'base64.decode',
  'base64.encode', 'base64.is_valid', 'base64url.decode', 'base64url.encode', 'bits.and', 'bits.lsh',
  'bits.negate', 'bits.or', 'bits.rsh', 'bits.xor', 'ceil', 'concat', 'contains', 'count', 'div',
  'endswith', 'equal', 'floor', 'format_int', 'glob.match', 'graph.reachable', 'gt', 'gte', 'indexof',
  'internal.member_2', 'internal.member_3', 'internal.template_string', 'intersection', 'is_array',
  'is_boolean', 'is_null', 'is_number', 'is_object', 'is_set', 'is_string', 'json.filter',
  'json.is_valid', 'json.marshal', 'json.remove', 'json.unmarshal', 'lower', 'lt', 'lte', 'max', 'min',
  'minus', 'mul', 'neq', 'net.cidr_contains', 'net.cidr_intersects', 'numbers.range', 'object.filter',
  'object.get', 'object.keys', 'object.remove', 'object.union', 'object.union_n', 'or', 'plus',
  'product', 'regex.find_all_string_submatch_n', 'regex.is_valid', 'regex.match', 'rem', 'replace',
  'round', 'sort', 'split', 'startswith', 'strings.replace_n', 'strings.reverse', 'substring', 'sum',
  'to_number', 'trim', 'trim_left', 'trim_prefix', 'trim_right', 'trim_space', 'trim_suffix',
  'type_name', 'union', 'upper', 'walk',
] as const;

/** Language operators and compile-time rewrites (rego.metadata.* become literals in Wasm). */
export const COMPILER = ['assign', 'eq', 'rego.metadata.chain', 'rego.metadata.rule'] as const;

/**
 * Left out on purpose although the SDK or OPA has them:
 * - sprintf: the npm SDK implements it with sprintf-js (no %v, different %d on floats), so results
 *   would differ from OPA's own evaluator; build strings with concat and json.marshal.
 * - time.now_ns: a policy never reads the wall clock; time comes from input.as_of.
 */
export const EXCLUDED = ['sprintf', 'time.now_ns'] as const;

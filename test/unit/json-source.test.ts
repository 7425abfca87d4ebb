import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { parseSource } from '../../src/util/yaml-source.js';

describe('JSON sources', () => {
  const text = '{\n  "a": 1,\n  "b": {\n    "c": [true, "x\\"y: z", {"d": null}]\n  }\n}\n';

  it('a .json file gives the same value as the YAML parser, and still places pointers on lines', () => {
    const json = parseSource(text, 'facts.json');
    const yaml = parseSource(text, 'facts.yaml');
    expect(json.value).toEqual(yaml.value);
    expect(json.locate('/b/c/2/d')).toEqual(yaml.locate('/b/c/2/d'));
    expect(json.locate('/b/c/2/d')).toEqual({ line: 4, col: 34 });
    expect(json.locate('/b', 'c')).toEqual({ line: 4, col: 5 });
  });

  it('a repeated key is an error at its line, as with the YAML parser (JSON.parse would keep the last)', () => {
    const dup = '{\n  "a": 1,\n  "b": {"x": 1, "x": 2}\n}\n';
    let error: unknown;
    try {
      parseSource(dup, 'facts.json');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).message).toMatch(/^facts\.json:3:\d+: invalid YAML\/JSON: Map keys must be unique/);
    // a colon inside a string is not a key
    expect(parseSource('{"a": "k\\": v", "b": ["c:", "d"]}', 'f.json').value).toEqual({ a: 'k": v', b: ['c:', 'd'] });
  });

  it('invalid JSON is reported at its line by the YAML parser', () => {
    expect(() => parseSource('{\n  "a": 1,\n  "b": [1, 2\n}\n', 'facts.json')).toThrow(/^facts\.json:\d+:\d+: invalid YAML\/JSON: /);
  });
});

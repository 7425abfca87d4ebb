import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import { InputError } from '../../src/errors.js';
import { parseSource } from '../../src/util/yaml-source.js';
import { ROOT } from '../helpers/run.js';

describe('source files: JSON and YAML', () => {
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

  it('every YAML file of the project reads the same with the fast parser as with the yaml library', () => {
    const files = ['fixtures', 'profiles'].flatMap((d) => yamlFiles(path.join(ROOT, d)));
    expect(files.length).toBeGreaterThan(20);
    for (const f of files) {
      const text = readFileSync(f, 'utf8');
      const doc = parseDocument(text, { uniqueKeys: true });
      if (doc.errors.length > 0) {
        // broken on purpose (fixtures/invalid): the same error either way
        expect(() => parseSource(text, f), f).toThrow(/invalid YAML\/JSON/);
        continue;
      }
      expect(parseSource(text, f).value, f).toEqual(doc.toJS({ maxAliasCount: 100 }));
    }
  });

  it('YAML the fast parser declines (aliases, tags, repeated keys, errors) goes to the yaml library, as before', () => {
    expect(parseSource('a: &x [1, 2]\nb: *x\n', 'f.yaml').value).toEqual({ a: [1, 2], b: [1, 2] });
    expect(parseSource('a: !custom 1\n', 'f.yaml').value).toEqual({ a: '1' });
    expect(parseSource('', 'f.yaml').value).toBeNull();
    expect(() => parseSource('a: 1\nb:\n  c: 2\n  c: 3\n', 'f.yaml')).toThrow(/^f\.yaml:4:3: invalid YAML\/JSON: Map keys must be unique/);
    const laughs = [
      'a: &a [x, x]',
      ...Array.from(
        { length: 12 },
        (_, i) => `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [*${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}]`,
      ),
    ].join('\n');
    expect(() => parseSource(laughs, 'f.yaml')).toThrow(/alias/i);
    const src = parseSource('x: 1\ny:\n  - a\n  - b\n', 'f.yaml');
    expect(src.locate('/y/1')).toEqual({ line: 4, col: 5 });
  });
});

function yamlFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? yamlFiles(path.join(dir, e.name)) : /\.ya?ml$/.test(e.name) ? [path.join(dir, e.name)] : [],
  );
}

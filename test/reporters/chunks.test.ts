import { describe, expect, it } from 'vitest';
import { fillSlot, joinChunks, jsonChunks, LazyArray, lineChunks, PIECE, WHOLE } from '../../src/reporters/chunks.js';
import { reporters } from '../../src/reporters/index.js';
import { prng } from '../helpers/estate.js';
import { demoReport, multiplyReport } from '../helpers/reports.js';

const pieces = (it: Iterable<string>): string[] => [...it];

function randomValue(rnd: () => number, depth: number): unknown {
  const r = rnd();
  if (depth > 4 || r < 0.3) {
    const leaves = [null, true, false, 0, -1.5, 1e21, Number.NaN, 'plain', 'quote " back \\ nl \n tab \t', 'ünï €', '\u2028', undefined];
    return leaves[Math.floor(rnd() * leaves.length)];
  }
  const n = Math.floor(rnd() * (depth === 0 ? 200 : 6));
  if (r < 0.65) return Array.from({ length: n }, () => randomValue(rnd, depth + 1));
  const o: Record<string, unknown> = {};
  for (let i = 0; i < n; i++) o[`k${i}${rnd() < 0.1 ? '"\n' : ''}`] = randomValue(rnd, depth + 1);
  if (rnd() < 0.1) o.when = new Date(Date.UTC(2026, 0, 1));
  if (rnd() < 0.05) o.fn = () => 1;
  return o;
}

describe('report pieces', () => {
  it('jsonChunks writes exactly JSON.stringify(value, null, 2) plus a newline', () => {
    const rnd = prng(7);
    for (let i = 0; i < 300; i++) {
      const v = randomValue(rnd, 0);
      expect(joinChunks(jsonChunks(v))).toBe(`${JSON.stringify(v, null, 2) ?? 'null'}\n`);
    }
    for (const v of [[], {}, [[]], { a: {} }, [undefined, () => 0], { a: undefined }, 'x', 3, null]) {
      expect(joinChunks(jsonChunks(v))).toBe(`${JSON.stringify(v, null, 2)}\n`);
    }
    expect(joinChunks(jsonChunks({ a: [1, { b: 2 }] }, 4))).toBe(`${JSON.stringify({ a: [1, { b: 2 }] }, null, 4)}\n`);
  });

  it('a large value is written in bounded pieces, never as one string', () => {
    const rows = Array.from({ length: 100_000 }, (_, i) => ({ id: i, name: `tool-${i}`, tags: ['a', 'b'], nested: { ok: i % 2 === 0 } }));
    const doc = { head: { title: 'x' }, rows, tail: [rows.slice(0, 3)] };
    const out = pieces(jsonChunks(doc));
    const total = out.reduce((n, p) => n + p.length, 0);
    expect(total).toBeGreaterThan(8 * PIECE);
    expect(out.length).toBeGreaterThanOrEqual(8);
    expect(Math.max(...out.map((p) => p.length))).toBeLessThan(PIECE + 1000);
    expect(out.join('')).toBe(`${JSON.stringify(doc, null, 2)}\n`);
  });

  it('values met again (shared objects, long strings) are written the same as the first time, at any depth', () => {
    const shared = { soc2: ['CC6.1'], 'pci-dss': ['8.4.1'] };
    const text = `remediation ${'x'.repeat(100)} "quoted"`;
    const finding = (i: number) => ({ a: i, b: 'b', c: shared, d: text, e: null, f: [shared], g: { shared }, h: 1, i: 2 });
    const doc = { findings: Array.from({ length: 50 }, (_, i) => finding(i)), again: { deeper: [shared, shared] }, last: shared };
    expect(joinChunks(jsonChunks(doc))).toBe(`${JSON.stringify(doc, null, 2)}\n`);
  });

  it('a LazyArray is written item by item as the pieces are taken, the same as the array it stands for', () => {
    let made = 0;
    const items = function* () {
      for (let i = 0; i < 20_000; i++) {
        made++;
        yield { i, text: `item ${i}`, nested: { ok: true } };
      }
    };
    const doc = { head: 1, results: [{ observations: new LazyArray(20_000, items), empty: new LazyArray(0, () => []) }] };
    const it = jsonChunks(doc)[Symbol.iterator]();
    const first = it.next();
    expect(first.done).toBe(false);
    // the first piece is out before most items are made
    expect(made).toBeLessThan(10_000);
    let text = first.value as string;
    for (let r = it.next(); !r.done; r = it.next()) text += r.value;
    expect(made).toBe(20_000);
    expect(text).toBe(`${JSON.stringify(doc, null, 2)}\n`);
    expect(JSON.parse(text).results[0].empty).toEqual([]);
  });

  it('lineChunks and fillSlot', () => {
    const lines = Array.from({ length: 100_000 }, (_, i) => `line ${i} ${'x'.repeat(i % 50)}`);
    const out = pieces(lineChunks(lines));
    expect(out.length).toBeGreaterThan(3);
    expect(out.join('')).toBe(`${lines.join('\n')}\n`);
    expect(pieces(lineChunks([]))).toEqual(['\n']);
    expect(joinChunks(fillSlot('a<>b', '<>', ['1', '2']))).toBe('a12b');
    expect(() => joinChunks(fillSlot('a<><>b', '<>', []))).toThrow(/exactly once/);
  });

  it('every format writes a large report in bounded pieces, and render is the pieces joined', async () => {
    const report = multiplyReport(await demoReport(), 8_000);
    for (const [name, r] of Object.entries(reporters)) {
      const out = pieces(r.chunks(report, { color: false }));
      const longest = out.reduce((n, p) => Math.max(n, p.length), 0);
      const total = out.reduce((n, p) => n + p.length, 0);
      if (name === 'markdown') {
        // capped for pull-request comments: one small piece
        expect(longest, name).toBeLessThan(70_000);
      } else {
        // a piece is at most a batch plus one value that fits (a finding, one tool's test suite)
        expect(longest, name).toBeLessThan(PIECE + WHOLE);
        expect(out.length, name).toBeGreaterThanOrEqual(Math.floor(total / (PIECE + WHOLE)));
      }
      expect(r.render(report, { color: false }), name).toBe(out.join(''));
    }
    expect(joinChunks(reporters.json.chunks(report, { color: false }))).toBe(`${JSON.stringify(report, null, 2)}\n`);
  });
});

import { describe, expect, it } from 'vitest';
import { loadProfile, resolveParameters } from '../../src/config/profile.js';
import { loadPolicyBundle } from '../../src/engine/policy-bundle.js';
import { Engine, HEAP_BYTES_PER_INPUT_BYTE_PER_POLICY, initialPages, MAX_PAGES } from '../../src/engine/engine.js';
import { generateEstate } from '../helpers/estate.js';

const params = resolveParameters(loadProfile('baseline'));

describe('engine input handling', () => {
  it('gives the same results for an object, its JSON text and its bytes inside a larger buffer', async () => {
    const input = { as_of: '2026-11-20T12:00:00Z', tools: generateEstate(3, 11) };
    const json = JSON.stringify(input);
    const engine = await Engine.create(loadPolicyBundle(), params);
    const fromObject = engine.evaluate(input);
    // a small string: Buffer.from takes it from the shared pool (a view at a non-zero offset)
    expect(engine.evaluateJson(json)).toEqual(fromObject);
    const padded = Buffer.from(`garbage${json}trailing`);
    expect(engine.evaluateJson(padded.subarray(7, 7 + Buffer.byteLength(json)))).toEqual(fromObject);
    expect(Object.values(fromObject).flat().length).toBeGreaterThan(0);
  });

  it('pre-sizes memory from the input size, within bounds', () => {
    expect(initialPages(0, 18)).toBe(16);
    expect(initialPages(1_000_000, 18)).toBe(Math.ceil((1_000_000 * HEAP_BYTES_PER_INPUT_BYTE_PER_POLICY * 18) / 65_536));
    expect(initialPages(2_000_000, 20)).toBe(2 * initialPages(1_000_000, 20));
    expect(initialPages(1e12, 18)).toBe(MAX_PAGES);
    expect(MAX_PAGES * 65_536).toBe(2 ** 31);
  });
});

// The deterministic estate generator lives with the benchmarks (bench/estate.ts); tests reuse it.
export { generateEstate, prng } from '../../bench/estate.js';

/**
 * The canary harness over every native collector's fixtures (files mode: the tool's own files),
 * beside canary.test.ts so that vitest runs the two halves in parallel.
 */
import { describe } from 'vitest';
import { nativeCases } from './cases.js';
import { itRunsCanaryCases } from './harness.js';

describe("canary harness: no secret of a native collector's fixture reaches any output", () => {
  itRunsCanaryCases(nativeCases);
});

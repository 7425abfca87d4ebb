import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.{ts,tsx}'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // Measured when run with --coverage (scripts/test.sh does). Only code run inside the test
    // processes counts: the CLI tests that spawn dist/cli.js add nothing here.
    coverage: {
      provider: 'v8',
      include: ['src/**/*.{ts,tsx}'],
      // ajv's standalone validators, generated at build time (scripts/build-validators.mjs)
      exclude: ['src/generated/**'],
      reporter: ['text-summary', 'json-summary'],
      reportsDirectory: 'coverage',
      // Just under what the whole suite measured (statements 84.68 %, branches 75.89 %,
      // functions 87.74 %, lines 86.62 %): a change that drops coverage fails npm test.
      // Branches 74 since the Jenkins and GitLab collectors came in (their files 72.75 %, the
      // rest 76.05 %; whole suite: statements 85.43 %, branches 74.9 %, functions 88.9 %,
      // lines 87.62 %). Since scale and hardening were merged (statements 82.30 %, branches 73.23 %,
      // functions 85.35 %, lines 84.41 %): the files hardening added or changed are tested mostly
      // through the CLI's child processes (evidence write/history/evaluate, the policy budget's
      // worker, the commands): 65.2 % of their lines in-process, the rest 91.3 %.
      // After the hardening branch's in-process tests and the merge of every branch (merge-all
      // e64d179: statements 88.16 %, branches 77.99 %, functions 91.54 %, lines 90.42 %): two
      // points under that, so a run that skips a daemon's tests still passes.
      thresholds: { statements: 86, branches: 76, functions: 89, lines: 88 },
    },
  },
});

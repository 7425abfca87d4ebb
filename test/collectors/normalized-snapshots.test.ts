/**
 * The normalized output of every Jenkins and GitLab fixture, checked against the model schema and
 * against normalized.json next to the fixture (regenerate with UPDATE_CICD_FIXTURES=1, then
 * review the diff): a change in what a fixture normalizes to is always a reviewed change.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { validator } from '../../src/util/schema.js';
import { cli, fixture, withoutProgress } from '../helpers/run.js';

const UPDATE = process.env.UPDATE_CICD_FIXTURES === '1';
const CASES = [
  ['jenkins', 'secure'],
  ['jenkins', 'insecure'],
  ['jenkins', 'secure-helm'],
  ['jenkins', 'insecure-helm'],
  ['gitlab', 'secure'],
  ['gitlab', 'insecure'],
  ['gitlab', 'saas-group'],
];

describe('normalized snapshots of the Jenkins and GitLab fixtures', () => {
  for (const parts of CASES) {
    it(parts.join('/'), () => {
      const r = cli(['collect', '-c', fixture(...parts, 'auditready.yaml')]);
      expect(withoutProgress(r.stderr)).toBe('');
      expect(r.code).toBe(0);
      const model = JSON.parse(r.stdout) as { tools: { source: { collected_at: string } }[] };
      const validate = validator('model');
      expect(validate(model), JSON.stringify(validate.errors)).toBe(true);
      // collected_at is the time of the run: not part of what a fixture normalizes to.
      for (const t of model.tools) t.source.collected_at = '(run time)';
      const file = fixture(...parts, 'normalized.json');
      const text = `${JSON.stringify(model, null, 2)}\n`;
      if (UPDATE || !existsSync(file)) writeFileSync(file, text);
      expect(text).toBe(readFileSync(file, 'utf8'));
    });
  }
});

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { loadProfile } from '../../src/config/profile.js';
import { EVENT_CLASS_PARAMS, eventClassesByType, eventClassTable } from '../../src/model/event-classes.js';
import { modelFactPaths, schemaFacts } from '../../src/model/fact-list.js';
import { factsTemplate, TEMPLATE_GAP_DETAIL } from '../../src/model/facts-template.js';
import { factPaths, gapProblems } from '../../src/model/gaps.js';
import { TOOL_TYPES, type ToolType } from '../../src/model/tool-types.js';
import { validator } from '../../src/util/schema.js';
import { ROOT } from '../helpers/run.js';

const baseline = loadProfile('baseline');
const NOW = new Date('2026-11-20T08:00:00Z');

describe('facts templates', () => {
  const validate = validator('facts');

  it.each(Object.keys(TOOL_TYPES) as ToolType[])('%s: every model fact null with a "not filled in yet" gap, valid as a facts file', (type) => {
    const text = factsTemplate(type, { now: NOW, profile: baseline });
    const facts = parse(text);
    expect(validate(facts), JSON.stringify(validate.errors)).toBe(true);
    expect(gapProblems(facts, facts.gaps)).toEqual([]);
    expect(factPaths(facts).sort()).toEqual([...modelFactPaths()].sort());
    expect(facts.gaps.map((g: { fact: string }) => g.fact).sort()).toEqual([...modelFactPaths()].sort());
    for (const g of facts.gaps) expect(g).toEqual({ fact: g.fact, reason: 'not_collected', detail: TEMPLATE_GAP_DETAIL });
    expect(facts.collected_at).toBe('2026-11-20T08:00:00Z');
  });

  it('a fact added to the model schema appears in the template, with its description and gap', () => {
    const schema = JSON.parse(readFileSync(path.join(ROOT, 'schemas', 'model.schema.json'), 'utf8'));
    schema.$defs.time.required.push('leap_smearing');
    schema.$defs.time.properties.leap_smearing = { $ref: '#/$defs/nullable_bool', description: 'Leap seconds are smeared over a day' };
    const facts = schemaFacts(schema);
    expect(facts.map((f) => f.path)).toContain('time.leap_smearing');
    const text = factsTemplate('chrony', { now: NOW, profile: baseline, facts });
    expect(text).toContain('  # Leap seconds are smeared over a day\n  leap_smearing: null\n');
    expect(parse(text).gaps).toContainEqual({ fact: 'time.leap_smearing', reason: 'not_collected', detail: TEMPLATE_GAP_DETAIL });
  });

  it('names the event classes the profile asks of the type, and declares whole groups not applicable with approver', () => {
    const text = factsTemplate('jenkins', {
      now: NOW,
      profile: baseline,
      notApplicable: { groups: ['time'], justification: 'The controller clock is the host’s, judged on chrony/build-hosts', approver: 'Dana Whitfield (CISO)' },
    });
    expect(text).toContain('#   recorded (AR-EVT-003): builds, credentials, script-console');
    expect(text).toContain('#   failed sign-ins (AR-EVT-006): login');
    const facts = parse(text);
    expect(validate(facts), JSON.stringify(validate.errors)).toBe(true);
    const time = facts.gaps.filter((g: { fact: string }) => g.fact.startsWith('time.'));
    expect(time.length).toBeGreaterThan(0);
    for (const g of time) expect(g).toMatchObject({ reason: 'not_applicable', approver: 'Dana Whitfield (CISO)' });
    expect(facts.gaps.filter((g: { reason: string }) => g.reason === 'not_collected').length).toBe(modelFactPaths().length - time.length);
  });

  it('the README table of event classes per tool type is generated from the baseline profile', () => {
    const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
    const m = /<!-- event-classes:start[^>]*-->\n([\s\S]*?)\n<!-- event-classes:end -->/.exec(readme);
    expect(m, 'README has the event-classes markers').not.toBeNull();
    expect(m![1]).toBe(eventClassTable(baseline));
    expect([...eventClassesByType(baseline).keys()]).toContain('kubernetes');
  });

  it('each event-class parameter names the policy that reads it', () => {
    const catalog = JSON.parse(readFileSync(path.join(ROOT, 'build', 'policy', 'catalog.json'), 'utf8')) as { policies: { id: string; params: string[] }[] };
    for (const [param, label] of Object.entries(EVENT_CLASS_PARAMS)) {
      const id = /\((AR-[A-Z]+-\d+)\)/.exec(label)![1];
      expect(catalog.policies.find((p) => p.id === id)?.params, `${id} reads ${param}`).toContain(param);
    }
  });
});

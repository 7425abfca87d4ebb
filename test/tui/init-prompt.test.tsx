import { render } from 'ink-testing-library';
import { describe, expect, it } from 'vitest';
import { InitPrompt } from '../../src/tui/init-prompt.js';
import { KEY, waitFor, waitForContent } from '../helpers/ink.js';

const CHOICES = [
  { id: 'argocd/prod', detail: 'files: argocd/argocd-cm.yaml' },
  { id: 'jenkins/ci', detail: 'starter facts file facts/jenkins-ci.yaml' },
  { id: 'chrony/hosts', detail: 'starter facts file facts/chrony-hosts.yaml' },
];

function show() {
  const done: (number[] | null)[] = [];
  const r = render(<InitPrompt dir="." configName="auditready.yaml" choices={CHOICES} onDone={(c) => done.push(c)} />);
  return { r, done };
}

describe('init on a terminal', () => {
  it('lists what it found, all on; space toggles the line under the cursor; enter writes the chosen ones', async () => {
    const { r, done } = show();
    const first = await waitForContent(r, 'enter write auditready.yaml (3 of 3)');
    expect(first).toContain('> [x] argocd/prod');
    expect(first).toContain('  [x] jenkins/ci');
    r.stdin.write(KEY.down);
    await waitForContent(r, '> [x] jenkins/ci');
    r.stdin.write(' ');
    await waitForContent(r, '> [ ] jenkins/ci');
    await waitForContent(r, '(2 of 3)');
    r.stdin.write(KEY.enter);
    await waitFor(r, () => done.length > 0, 'the choice');
    expect(done).toEqual([[0, 2]]);
  });

  it('q cancels without a choice', async () => {
    const { r, done } = show();
    await waitForContent(r, 'q cancel');
    r.stdin.write('q');
    await waitFor(r, () => done.length > 0, 'cancel');
    expect(done).toEqual([null]);
  });
});

import { describe, expect, it } from 'vitest';
import type { TargetEvent } from '../../src/pipeline/collect-all.js';
import { NO_FILTERS, type Facets } from '../../src/tui/view-model/findings-view.js';
import { explorerReducer, initialState, scrollWindow, type Action, type ExplorerState } from '../../src/tui/state/explorer-state.js';
import { initialProgress, progressReducer } from '../../src/tui/state/progress-state.js';

const run = (actions: Action[], from: ExplorerState = initialState) => actions.reduce(explorerReducer, from);
const facets: Facets = {
  status: ['fail', 'pass'],
  severity: ['high', 'low'],
  pillar: ['identity'],
  tool: ['a/x', 'b/y'],
  framework: ['soc2'],
  controls: { soc2: ['CC6.1', 'CC7.2'] },
};

describe('scrollWindow (windowed list)', () => {
  it('scrolls only as far as needed to keep the cursor visible', () => {
    expect(scrollWindow(0, 0, 10, 10_000)).toEqual({ cursor: 0, top: 0 });
    expect(scrollWindow(9, 0, 10, 10_000)).toEqual({ cursor: 9, top: 0 });
    expect(scrollWindow(10, 0, 10, 10_000)).toEqual({ cursor: 10, top: 1 });
    expect(scrollWindow(5, 8, 10, 10_000)).toEqual({ cursor: 5, top: 5 });
    expect(scrollWindow(20_000, 0, 10, 10_000)).toEqual({ cursor: 9_999, top: 9_990 });
    expect(scrollWindow(-3, 4, 10, 10_000)).toEqual({ cursor: 0, top: 0 });
    expect(scrollWindow(3, 0, 10, 0)).toEqual({ cursor: 0, top: 0 });
  });
});

describe('explorerReducer', () => {
  it('moves, pages and jumps within the view', () => {
    const s = run([
      { type: 'move', delta: 1, count: 100, height: 10 },
      { type: 'move', delta: 10, count: 100, height: 10 },
    ]);
    expect(s).toMatchObject({ cursor: 11, top: 2 });
    expect(run([{ type: 'move-to', row: -1, count: 100, height: 10 }], s)).toMatchObject({ cursor: 99, top: 90 });
    expect(run([{ type: 'move-to', row: 0, count: 100, height: 10 }], s)).toMatchObject({ cursor: 0, top: 0 });
  });

  it('a filter or sort change returns the cursor to the top', () => {
    const moved = run([{ type: 'move', delta: 30, count: 100, height: 10 }]);
    for (const a of [
      { type: 'cycle-filter', key: 'status', dir: 1, facets },
      { type: 'cycle-sort' },
      { type: 'reverse-sort' },
      { type: 'search-type', text: 'x' },
    ] as Action[]) {
      expect(run([a], moved)).toMatchObject({ cursor: 0, top: 0 });
    }
    expect(run([{ type: 'cycle-filter', key: 'status', dir: 1, facets }]).filters.status).toBe('fail');
    expect(run([{ type: 'cycle-sort' }]).sort.key).toBe('status');
  });

  it('search: typing filters live, Enter keeps the query, Esc restores the previous one', () => {
    const typed = run([{ type: 'search-start' }, { type: 'search-type', text: 's' }, { type: 'search-type', text: 'so' }, { type: 'search-backspace' }]);
    expect(typed).toMatchObject({ searching: true, screen: 'findings' });
    expect(typed.filters.query).toBe('ss');
    expect(run([{ type: 'search-commit' }], typed)).toMatchObject({ searching: false, filters: { query: 'ss' } });
    const again = run([{ type: 'search-commit' }, { type: 'search-start' }, { type: 'search-type', text: 'zz' }, { type: 'escape' }], typed);
    expect(again).toMatchObject({ searching: false, filters: { query: 'ss' } });
  });

  it('Esc closes the innermost thing: help, then search, then detail', () => {
    const detail = run([{ type: 'go', screen: 'frameworks' }, { type: 'open-detail', finding: 3 }, { type: 'toggle-help' }]);
    expect(detail).toMatchObject({ screen: 'detail', detail: 3, isHelpOpen: true });
    const noHelp = run([{ type: 'escape' }], detail);
    expect(noHelp).toMatchObject({ screen: 'detail', isHelpOpen: false });
    expect(run([{ type: 'escape' }], noHelp).screen).toBe('frameworks');
  });

  it('next/previous detail keeps where Esc returns to; set-filters jumps to the findings', () => {
    const s = run([
      { type: 'go', screen: 'findings' },
      { type: 'open-detail', finding: 1 },
      { type: 'open-detail', finding: 2 },
    ]);
    expect(s).toMatchObject({ detail: 2, detailFrom: 'findings' });
    const f = run([{ type: 'set-filters', filters: { framework: 'soc2', control: 'CC6.1' }, screen: 'findings' }]);
    expect(f.filters).toEqual({ ...NO_FILTERS, framework: 'soc2', control: 'CC6.1' });
    expect(f.screen).toBe('findings');
    expect(run([{ type: 'clear-filters' }], f).filters).toEqual(NO_FILTERS);
  });

  it('clamps grid, detail and help scrolling', () => {
    const s = run([
      { type: 'grid-move', dRow: 9, dCol: -1, rows: 3, cols: 6 },
      { type: 'scroll-detail', delta: 50, max: 12 },
      { type: 'toggle-help' },
      { type: 'scroll-help', delta: -4, max: 5 },
    ]);
    expect(s).toMatchObject({ gridRow: 2, gridCol: 0, detailScroll: 12, helpScroll: 0 });
    expect(run([{ type: 'select-framework', dir: -1, count: 6 }]).framework).toBe(5);
  });
});

describe('progressReducer', () => {
  it('tracks each collector and appends finished ones in the order they finished', () => {
    const ev = (id: string, phase: TargetEvent['phase'], at: number) => ({ type: 'target' as const, event: { id, phase }, at });
    const s = [ev('a/1', 'start', 0), ev('b/2', 'start', 1), ev('b/2', 'done', 5), ev('a/1', 'failed', 9)].reduce(progressReducer, initialProgress);
    expect(s.finished.map((t) => [t.id, t.phase, t.ms])).toEqual([
      ['b/2', 'done', 4],
      ['a/1', 'failed', 9],
    ]);
    expect(progressReducer(s, ev('b/2', 'done', 20))).toBe(s);
  });
});

import {
  cycleFilter,
  DEFAULT_SORT,
  FILTER_KEYS,
  NO_FILTERS,
  SORT_KEYS,
  withFilter,
  type Facets,
  type FilterKey,
  type Filters,
  type Sort,
} from '../view-model/findings-view.js';

export type Screen = 'overview' | 'findings' | 'detail' | 'frameworks';

/** Everything the explorer shows that is not the report itself. Pure data; see `explorerReducer`. */
export interface ExplorerState {
  readonly screen: Screen;
  /** Where Esc from the detail screen returns to. */
  readonly detailFrom: Screen;
  readonly filters: Filters;
  readonly sort: Sort;
  /** Findings list: selected row within the current view, and the first row shown. */
  readonly cursor: number;
  readonly top: number;
  /** Filter bar: which filter ←/→ has selected. */
  readonly filterKey: FilterKey;
  /** Search line open (keys go to the query); `queryBefore` is restored by Esc. */
  readonly searching: boolean;
  readonly queryBefore: string;
  /** Detail screen: index into report.findings, and scroll offset in lines. */
  readonly detail: number | null;
  readonly detailScroll: number;
  /** Overview grid cursor (tool row, pillar column). */
  readonly gridRow: number;
  readonly gridCol: number;
  /** Framework view: chosen framework index and selected control row. */
  readonly framework: number;
  readonly controlCursor: number;
  readonly controlTop: number;
  readonly isHelpOpen: boolean;
  readonly helpScroll: number;
  /** One-line feedback for the last action (export written, copied, …). */
  readonly message: string | null;
}

export const initialState: ExplorerState = {
  screen: 'overview',
  detailFrom: 'findings',
  filters: NO_FILTERS,
  sort: DEFAULT_SORT,
  cursor: 0,
  top: 0,
  filterKey: 'status',
  searching: false,
  queryBefore: '',
  detail: null,
  detailScroll: 0,
  gridRow: 0,
  gridCol: 0,
  framework: 0,
  controlCursor: 0,
  controlTop: 0,
  isHelpOpen: false,
  helpScroll: 0,
  message: null,
};

export type Action =
  | { type: 'go'; screen: Exclude<Screen, 'detail'> }
  /** Move the list cursor by `delta` rows within a view of `count` rows shown `height` at a time. */
  | { type: 'move'; delta: number; count: number; height: number }
  | { type: 'move-to'; row: number; count: number; height: number }
  | { type: 'cycle-filter'; key: FilterKey; dir: 1 | -1; facets: Facets }
  | { type: 'set-filters'; filters: Partial<Filters>; screen?: 'findings' }
  | { type: 'clear-filters' }
  | { type: 'select-filter-key'; dir: 1 | -1 }
  | { type: 'cycle-sort' }
  | { type: 'reverse-sort' }
  | { type: 'search-start' }
  | { type: 'search-type'; text: string }
  | { type: 'search-backspace' }
  | { type: 'search-commit' }
  | { type: 'open-detail'; finding: number }
  | { type: 'scroll-detail'; delta: number; max: number }
  | { type: 'grid-move'; dRow: number; dCol: number; rows: number; cols: number }
  | { type: 'select-framework'; dir: 1 | -1; count: number }
  | { type: 'move-control'; delta: number; count: number; height: number }
  | { type: 'escape' }
  | { type: 'toggle-help' }
  | { type: 'close-help' }
  | { type: 'scroll-help'; delta: number; max: number }
  | { type: 'message'; text: string | null };

const clamp = (n: number, lo: number, hi: number) => Math.max(lo, Math.min(hi, n));

/**
 * Keep `cursor` inside a window of `height` rows starting at `top`, scrolling as little as possible.
 * Only the rows [top, top + height) are ever rendered, which is what keeps 10,000 findings fast.
 */
export function scrollWindow(cursor: number, top: number, height: number, count: number): { cursor: number; top: number } {
  const c = count === 0 ? 0 : clamp(cursor, 0, count - 1);
  const h = Math.max(1, height);
  let t = clamp(top, 0, Math.max(0, count - h));
  if (c < t) t = c;
  if (c >= t + h) t = c - h + 1;
  return { cursor: c, top: t };
}

/** A view change (filters, sort) puts the cursor back on the first row. */
const resetList = { cursor: 0, top: 0 } as const;

export function explorerReducer(state: ExplorerState, action: Action): ExplorerState {
  switch (action.type) {
    case 'go':
      return { ...state, screen: action.screen, isHelpOpen: false, searching: false, message: null };
    case 'move': {
      const w = scrollWindow(state.cursor + action.delta, state.top, action.height, action.count);
      return { ...state, ...w };
    }
    case 'move-to': {
      const row = action.row < 0 ? action.count - 1 : action.row;
      return { ...state, ...scrollWindow(row, state.top, action.height, action.count) };
    }
    case 'cycle-filter':
      return { ...state, filters: cycleFilter(action.facets, state.filters, action.key, action.dir), filterKey: action.key, ...resetList };
    case 'set-filters': {
      let filters = state.filters;
      for (const [k, v] of Object.entries(action.filters)) {
        filters = k === 'query' ? { ...filters, query: String(v ?? '') } : withFilter(filters, k as FilterKey, (v as string | null) ?? null);
      }
      if (action.filters.control !== undefined) filters = { ...filters, control: action.filters.control };
      return { ...state, filters, ...resetList, screen: action.screen ?? state.screen, message: null };
    }
    case 'clear-filters':
      return { ...state, filters: initialState.filters, ...resetList, message: 'filters cleared' };
    case 'select-filter-key': {
      const i = FILTER_KEYS.indexOf(state.filterKey);
      return { ...state, filterKey: FILTER_KEYS[(i + action.dir + FILTER_KEYS.length) % FILTER_KEYS.length]! };
    }
    case 'cycle-sort': {
      const i = SORT_KEYS.indexOf(state.sort.key);
      return { ...state, sort: { ...state.sort, key: SORT_KEYS[(i + 1) % SORT_KEYS.length]! }, ...resetList };
    }
    case 'reverse-sort':
      return { ...state, sort: { ...state.sort, descending: !state.sort.descending }, ...resetList };
    case 'search-start':
      return { ...state, screen: 'findings', searching: true, queryBefore: state.filters.query, message: null };
    case 'search-type':
      return { ...state, filters: { ...state.filters, query: state.filters.query + action.text }, ...resetList };
    case 'search-backspace':
      return { ...state, filters: { ...state.filters, query: state.filters.query.slice(0, -1) }, ...resetList };
    case 'search-commit':
      return { ...state, searching: false };
    case 'open-detail':
      return {
        ...state,
        screen: 'detail',
        detail: action.finding,
        detailScroll: 0,
        detailFrom: state.screen === 'detail' ? state.detailFrom : state.screen,
        message: null,
      };
    case 'scroll-detail':
      return { ...state, detailScroll: clamp(state.detailScroll + action.delta, 0, Math.max(0, action.max)) };
    case 'grid-move':
      return {
        ...state,
        gridRow: clamp(state.gridRow + action.dRow, 0, Math.max(0, action.rows - 1)),
        gridCol: clamp(state.gridCol + action.dCol, 0, Math.max(0, action.cols - 1)),
      };
    case 'select-framework':
      return { ...state, framework: action.count ? (state.framework + action.dir + action.count) % action.count : 0, controlCursor: 0, controlTop: 0 };
    case 'move-control': {
      const w = scrollWindow(state.controlCursor + action.delta, state.controlTop, action.height, action.count);
      return { ...state, controlCursor: w.cursor, controlTop: w.top };
    }
    case 'escape':
      // Innermost first: help, then the search line (restoring the query), then detail, then to the overview.
      if (state.isHelpOpen) return { ...state, isHelpOpen: false };
      if (state.searching) return { ...state, searching: false, filters: { ...state.filters, query: state.queryBefore }, ...resetList };
      if (state.screen === 'detail') return { ...state, screen: state.detailFrom, message: null };
      return { ...state, message: null };
    case 'toggle-help':
      return { ...state, isHelpOpen: !state.isHelpOpen, helpScroll: 0 };
    case 'close-help':
      return { ...state, isHelpOpen: false };
    case 'scroll-help':
      return { ...state, helpScroll: clamp(state.helpScroll + action.delta, 0, Math.max(0, action.max)) };
    case 'message':
      return { ...state, message: action.text };
  }
}

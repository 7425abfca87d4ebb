/**
 * The event-class names each tool type uses, as the policies ask for them: read from the
 * parameters of a profile that name classes per tool type (the baseline by default). The facts
 * templates and the README table ("Event classes per tool type") are generated from this, so a
 * class added to a profile shows in both.
 */
import type { Profile } from '../config/profile.js';

/** Profile parameters whose values name event classes per tool type, and what the policy reading each asks (a test checks the ids). */
export const EVENT_CLASS_PARAMS = {
  required_event_classes: 'recorded (AR-EVT-003)',
  failed_login_event_classes: 'failed sign-ins (AR-EVT-006)',
  required_event_levels: 'minimum level per class (AR-EVT-004)',
  max_event_levels: 'maximum level per class (AR-EVT-004)',
} as const;

export type EventClassParam = keyof typeof EVENT_CLASS_PARAMS;

/** Per tool type, per parameter: the class names (a list) or class → level (a map). */
export type EventClassUse = Partial<Record<EventClassParam, readonly string[] | Readonly<Record<string, string>>>>;

/** The event classes each tool type's policies name in this profile, types sorted. */
export function eventClassesByType(profile: Pick<Profile, 'params'>): Map<string, EventClassUse> {
  const out = new Map<string, EventClassUse>();
  for (const param of Object.keys(EVENT_CLASS_PARAMS) as EventClassParam[]) {
    const value = profile.params[param]?.value;
    if (value === null || typeof value !== 'object') continue;
    for (const [type, classes] of Object.entries(value as Record<string, unknown>)) {
      const use = out.get(type) ?? {};
      if (Array.isArray(classes)) use[param] = classes.map(String);
      else if (classes && typeof classes === 'object') use[param] = Object.fromEntries(Object.entries(classes).map(([k, v]) => [k, String(v)]));
      out.set(type, use);
    }
  }
  return new Map([...out].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** One use as text: "builds, credentials" or "secrets: Metadata, rbac: RequestResponse". */
export function formatClasses(value: readonly string[] | Readonly<Record<string, string>>): string {
  return Array.isArray(value)
    ? value.join(', ')
    : Object.entries(value)
        .map(([k, v]) => `${k}: ${v}`)
        .join(', ');
}

/** Every class name a type's policies use (for `audit_log.event_classes`), in first-seen order. */
export function classNames(use: EventClassUse): string[] {
  const names = new Set<string>();
  for (const v of Object.values(use)) for (const n of Array.isArray(v) ? v : Object.keys(v ?? {})) names.add(n);
  return [...names];
}

/** The README table: tool type, then one column per parameter. */
export function eventClassTable(profile: Pick<Profile, 'params'>): string {
  const params = Object.keys(EVENT_CLASS_PARAMS) as EventClassParam[];
  const rows = [...eventClassesByType(profile)].map(
    ([type, use]) => `| \`${type}\` | ${params.map((p) => (use[p] ? formatClasses(use[p]) : '—')).join(' | ')} |`,
  );
  return [
    `| Tool type | ${params.map((p) => `${EVENT_CLASS_PARAMS[p]} (\`${p}\`)`).join(' | ')} |`,
    `|---|${params.map(() => '---').join('|')}|`,
    ...rows,
  ].join('\n');
}

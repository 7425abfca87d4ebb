import { TOOL_TYPES, type ToolType } from '../src/model/tool-types.js';
import type { Gap, GapReason, ToolSnapshot } from '../src/model/types.js';

/** Small deterministic PRNG (mulberry32) so generated estates are reproducible by seed. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The evaluation time generated estates are written against unless one is given. */
export const AS_OF = '2026-11-20T12:00:00Z';

/** Who approves the facts a generated estate declares not applicable (a facts file needs one). */
export const APPROVER = 'Generated Approver (bench)';

const REASONS: GapReason[] = ['not_collected', 'permission_missing', 'not_supported', 'not_applicable', 'error'];

/**
 * Hours before `asOf` a snapshot was collected: -4 to 36 (some in the future, some older than the
 * baseline's max_evidence_age_hours of 24), never within 2 hours of those two edges, so a run that
 * judges evidence against its own clock (the CLI: AR-TIM-002 uses the run's real start and end of
 * collection) up to 2 hours after `asOf` gives the same verdicts as the input's run window.
 */
function collectedHoursAgo(u: number): number {
  const h = u * 40 - 4;
  if (h > -2 && h < 0) return h - 2;
  if (h >= 0 && h < 2) return h + 2;
  if (h > 22 && h < 24) return h - 2;
  if (h >= 24 && h < 26) return h + 2;
  return h;
}

/**
 * A random but schema-valid estate: every fact is a value or null with a gap, values on both
 * sides of every default threshold, some timestamps stale or in the future.
 */
export function generateEstate(count: number, seed: number, asOf = AS_OF): ToolSnapshot[] {
  const rnd = prng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const types = Object.keys(TOOL_TYPES) as ToolType[];
  const asOfMs = Date.parse(asOf);
  const tools: ToolSnapshot[] = [];
  for (let i = 0; i < count; i++) {
    const type = pick(types);
    const gaps: Gap[] = [];
    const maybe = <T>(fact: string, v: T): T | null => {
      if (rnd() < 0.15) {
        const reason = pick(REASONS);
        // a declared not_applicable counts only with a justification and an approver (facts files)
        const why = reason === 'not_applicable' ? { justification: `generated: ${fact} does not apply`, approver: APPROVER } : {};
        gaps.push({ fact, reason, detail: `generated gap ${i}`, ...why });
        return null;
      }
      return v;
    };
    const names = (n: number, p: string) => Array.from({ length: n }, (_, k) => `${p}${k}`);
    const admins = Math.floor(rnd() * 9);
    const collectedMs = asOfMs - Math.floor(collectedHoursAgo(rnd()) * 3600_000);
    tools.push({
      id: `${type}/t${i}`,
      type,
      category: TOOL_TYPES[type],
      name: `t${i}`,
      source: {
        collector: 'generated',
        method: 'api',
        location: `https://t${i}.example`,
        collected_at: new Date(collectedMs).toISOString().replace('.000Z', 'Z'),
        sha256: (i.toString(16) + 'a'.repeat(64)).slice(0, 64),
      },
      identity: {
        sso_provider: maybe('identity.sso_provider', rnd() < 0.5 ? 'okta' : 'entra-id'),
        sso_enforced: maybe('identity.sso_enforced', rnd() < 0.6),
        mfa_required: maybe('identity.mfa_required', rnd() < 0.6),
        mfa_exempt: maybe('identity.mfa_exempt', rnd() < 0.6 ? [] : ['api-tokens']),
        local_accounts: maybe('identity.local_accounts', names(Math.floor(rnd() * 3), 'local')),
        anonymous_access: maybe('identity.anonymous_access', rnd() < 0.2),
      },
      access: {
        principals: maybe('access.principals', [{ name: 'p', kind: 'user' as const, roles: ['admin'], admin: true }]),
        admin_count: maybe('access.admin_count', admins),
        admin_names: maybe('access.admin_names', names(admins, 'admin')),
        member_count: maybe('access.member_count', admins + Math.floor(rnd() * 100)),
        default_permission: maybe('access.default_permission', pick(['none', 'read', 'write', 'admin'] as const)),
        wildcard_grants: maybe('access.wildcard_grants', rnd() < 0.3 ? [{ principal: '*', permission: 'read', scope: 'all' }] : []),
      },
      audit_log: {
        enabled: maybe('audit_log.enabled', rnd() < 0.8),
        level: maybe('audit_log.level', pick(['Metadata', 'RequestResponse', 'full'])),
        event_classes: maybe('audit_log.event_classes', ['auth', 'admin']),
        event_levels: maybe('audit_log.event_levels', { secrets: pick(['None', 'Metadata', 'Request']), rbac: pick(['Metadata', 'RequestResponse']) }),
        fields: {
          actor: maybe('audit_log.fields.actor', rnd() < 0.9),
          action: maybe('audit_log.fields.action', rnd() < 0.9),
          time: maybe('audit_log.fields.time', rnd() < 0.9),
          target: maybe('audit_log.fields.target', rnd() < 0.8),
          source_ip: maybe('audit_log.fields.source_ip', rnd() < 0.6),
          result: maybe('audit_log.fields.result', rnd() < 0.6),
        },
        destinations: maybe('audit_log.destinations', rnd() < 0.2 ? [] : [{ name: 'd', type: 'loki', central: rnd() < 0.7 }]),
        retention_days: maybe('audit_log.retention_days', pick([-1, 30, 90, 180, 364, 365, 400, 2190])),
        retention_online_days: maybe('audit_log.retention_online_days', pick([-1, 7, 89, 90, 120])),
        backup: maybe('audit_log.backup', rnd() < 0.5),
        immutable: maybe('audit_log.immutable', rnd() < 0.5),
        records_secret_values: maybe('audit_log.records_secret_values', rnd() < 0.1),
        rotation: maybe('audit_log.rotation', { max_size_mb: pick([0, 50, 100]), max_files: pick([-1, 5, 10]), max_age_days: pick([-1, 7, 30]) }),
        failure_alert: maybe('audit_log.failure_alert', rnd() < 0.5),
        read_restricted: maybe('audit_log.read_restricted', rnd() < 0.7),
      },
      time: {
        sync_daemon: maybe('time.sync_daemon', pick(['chrony', 'ntpsec', 'timesyncd'])),
        sources: maybe('time.sources', names(Math.floor(rnd() * 4), 'ntp')),
        synchronized: maybe('time.synchronized', rnd() < 0.8),
        offset_ms: maybe('time.offset_ms', Math.round((rnd() * 3000 - 1500) * 100) / 100),
        timestamp_timezone: maybe('time.timestamp_timezone', pick(['UTC', '+02:00', 'none'])),
        authenticated: maybe('time.authenticated', rnd() < 0.3),
      },
      gaps,
    });
  }
  linkStores(tools, prng(seed ^ 0x5bd1e995));
  return tools;
}

/**
 * Central destinations name the log store they deliver to (AR-XTL-001 follows them across the
 * estate): most a log store of the estate, anywhere in it, some a store that is not a target, some
 * none. A PRNG of its own, so the rest of the estate stays as the seed made it.
 */
function linkStores(tools: ToolSnapshot[], rnd: () => number): void {
  const stores = tools.filter((t) => t.category === 'log-store').map((t) => t.id);
  for (const t of tools) {
    for (const d of t.audit_log.destinations ?? []) {
      if (!d.central) continue;
      const r = rnd();
      if (r < 0.6 && stores.length > 0) d.store = stores[Math.floor(rnd() * stores.length)]!;
      else if (r < 0.8) d.store = 'loki/not-a-target';
    }
  }
}

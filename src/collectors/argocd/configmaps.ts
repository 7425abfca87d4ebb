/**
 * Files mode: Argo CD's ConfigMaps argocd-cm, argocd-rbac-cm and argocd-cmd-params-cm (YAML, or
 * `kubectl get -o json/yaml`, one object or a List), recognized by metadata.name. Every data value
 * is a string, as Kubernetes requires. Settings that are absent take Argo CD's documented default,
 * recorded as such.
 */
import { parseDocument } from 'yaml';
import { ToolInputError } from '../../errors.js';
import type { FactSource } from '../../model/types.js';
import { escapePointer, type DocumentSpec, type Documents, type SourceObject } from '../kit/files.js';
import { missing, ok } from '../kit/result.js';
import type { Setting } from '../kit/setting.js';
import type { ArgoSettings, LocalAccount } from './normalize.js';
import { parsePolicyCsv, policyKeys, type PolicyLine } from './rbac.js';

export type ArgoKind = 'argocd-cm' | 'argocd-rbac-cm' | 'argocd-cmd-params-cm';

const configMap = (name: string) => (v: unknown) => {
  const o = v as { kind?: unknown; metadata?: { name?: unknown } } | null;
  return o !== null && typeof o === 'object' && o.kind === 'ConfigMap' && o.metadata?.name === name;
};

export const ARGOCD_DOCUMENTS: DocumentSpec<ArgoKind> = {
  expected: 'the Argo CD ConfigMaps argocd-cm, argocd-rbac-cm or argocd-cmd-params-cm (YAML, or kubectl get -o json/yaml)',
  kinds: {
    'argocd-cm': { describe: 'the ConfigMap argocd-cm', match: configMap('argocd-cm'), once: true },
    'argocd-rbac-cm': { describe: 'the ConfigMap argocd-rbac-cm', match: configMap('argocd-rbac-cm'), once: true },
    'argocd-cmd-params-cm': { describe: 'the ConfigMap argocd-cmd-params-cm', match: configMap('argocd-cmd-params-cm'), once: true },
  },
  required: ['argocd-cm'],
  ignore: (v) => {
    const o = v as { kind?: unknown; metadata?: { name?: unknown } } | null;
    const name = typeof o?.metadata?.name === 'string' ? o.metadata.name : '';
    if (o?.kind === 'Secret') return 'a Secret: its values are never read or stored';
    if (o?.kind === 'ConfigMap' && name.startsWith('argocd-')) return 'another Argo CD ConfigMap: holds nothing the checks read';
    return undefined;
  },
};

/** The data of a ConfigMap: every value a string (Kubernetes' rule), else a broken input at that key. */
function dataOf(cm: SourceObject): Record<string, string> {
  const data = (cm.value as { data?: unknown }).data;
  if (data === undefined || data === null) return {};
  if (typeof data !== 'object' || Array.isArray(data)) {
    const at = cm.at('/data');
    throw new ToolInputError({ file: cm.file, line: at.line, col: at.column }, 'data is not a mapping', { expected: 'ConfigMap data: a mapping of strings' });
  }
  for (const [k, v] of Object.entries(data)) {
    if (typeof v !== 'string') {
      const at = cm.at(`/data/${escapePointer(k)}`);
      throw new ToolInputError({ file: cm.file, line: at.line, col: at.column }, `data.${k} is ${v === null ? 'null' : typeof v}`, {
        expected: `a string (ConfigMap data values are strings: quote it, e.g. "${String(v)}")`,
      });
    }
  }
  return data as Record<string, string>;
}

/** Go's strconv.ParseBool, which Argo CD uses for admin.enabled and accounts.<n>.enabled. */
function parseBool(v: string): boolean | undefined {
  if (['1', 't', 'T', 'TRUE', 'true', 'True'].includes(v)) return true;
  if (['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(v)) return false;
  return undefined;
}

function yamlMap(text: string): Record<string, unknown> | undefined {
  try {
    const doc = parseDocument(text, { prettyErrors: false });
    if (doc.errors.length > 0) return undefined;
    const v = doc.toJS({ maxAliasCount: 100 }) as unknown;
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

export interface ConfigMapNotes {
  /** Settings Argo CD itself would reject or ignore, said once in source.details. */
  readonly warnings: string[];
  readonly scopes?: Setting<string>;
  readonly matchMode?: Setting<string>;
}

/** Accounts and the admin switch from argocd-cm (util/settings/accounts.go). */
function accountsOf(cm: SourceObject, data: Record<string, string>, warnings: string[]): { admin: Setting<boolean>; accounts: LocalAccount[] } {
  const key = (k: string) => `/data/${escapePointer(k)}`;
  let admin: Setting<boolean>;
  if (!Object.hasOwn(data, 'admin.enabled')) {
    admin = { value: true, source: cm.absent(key('admin.enabled'), 'admin.enabled is absent: Argo CD enables the built-in admin user by default') };
  } else {
    const b = parseBool(data['admin.enabled']!);
    if (b === undefined) warnings.push(`admin.enabled "${data['admin.enabled']}" is not a boolean: Argo CD keeps the admin user enabled`);
    admin = {
      value: b ?? true,
      source: b === undefined ? { ...cm.at(key('admin.enabled')), default: 'not a boolean: Argo CD keeps the default, enabled' } : cm.at(key('admin.enabled')),
    };
  }
  const byName = new Map<string, { enabled: boolean; capabilities: string[]; source: FactSource }>();
  for (const [k, v] of Object.entries(data)) {
    const parts = k.split('.');
    if (parts[0] !== 'accounts' || parts.length < 2 || parts.length > 3) continue;
    const name = parts[1]!;
    const acct = byName.get(name) ?? { enabled: true, capabilities: [], source: cm.at(key(k)) };
    if (parts.length === 2) {
      acct.source = cm.at(key(k));
      acct.capabilities = v
        .split(',')
        .map((c) => c.trim())
        .filter((c) => c === 'login' || c === 'apiKey');
    } else if (parts[2] === 'enabled') {
      const b = parseBool(v);
      if (b === undefined) {
        const at = cm.at(key(k));
        throw new ToolInputError({ file: cm.file, line: at.line, col: at.column }, `${k} "${v}" is not a boolean (Argo CD refuses to load its accounts)`, {
          expected: '"true" or "false"',
        });
      }
      acct.enabled = b;
    }
    byName.set(name, acct);
  }
  const accounts = [...byName.entries()]
    .filter(([name]) => name !== 'admin')
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([name, a]) => ({ name, ...a }));
  return { admin, accounts };
}

/** ArgoSettings from the ConfigMaps (argocd-cm is required by the document spec). */
export function settingsFromConfigMaps(docs: Documents<ArgoKind>): { settings: ArgoSettings; notes: ConfigMapNotes } {
  const warnings: string[] = [];
  const cm = docs.one('argocd-cm')!;
  const data = dataOf(cm);
  const key = (k: string) => `/data/${escapePointer(k)}`;
  const { admin, accounts } = accountsOf(cm, data, warnings);

  const params = docs.one('argocd-cmd-params-cm');
  const paramsData = params ? dataOf(params) : {};
  const disableAuth = params && paramsData['server.disable.auth'] !== undefined && parseBool(paramsData['server.disable.auth']!) === true;
  let anonymous: Setting<boolean>;
  if (disableAuth) anonymous = { value: true, source: params.at(key('server.disable.auth')) };
  else if (Object.hasOwn(data, 'users.anonymous.enabled'))
    anonymous = { value: data['users.anonymous.enabled'] === 'true', source: cm.at(key('users.anonymous.enabled')) };
  else
    anonymous = {
      value: false,
      source: cm.absent(key('users.anonymous.enabled'), 'users.anonymous.enabled is absent: anonymous access is off unless it is "true"'),
    };

  let dex: ArgoSettings['dex'];
  if (data['dex.config']) {
    const parsed = yamlMap(data['dex.config']);
    if (!parsed) warnings.push('dex.config is not valid YAML: Argo CD treats Dex as not configured');
    const connectors = Array.isArray(parsed?.connectors)
      ? (parsed.connectors as Record<string, unknown>[]).map((c) => ({ type: String(c?.type ?? ''), id: String(c?.id ?? ''), name: String(c?.name ?? '') }))
      : [];
    dex = { value: { connectors, urlSet: Boolean(data.url) }, source: cm.at(key('dex.config')) };
  }
  let oidc: ArgoSettings['oidc'];
  if (data['oidc.config']) {
    const parsed = yamlMap(data['oidc.config']);
    if (!parsed) warnings.push('oidc.config is not valid YAML: Argo CD treats OIDC as not configured');
    else oidc = { value: { name: String(parsed.name ?? ''), issuer: String(parsed.issuer ?? '') }, source: cm.at(key('oidc.config')) };
  }

  const rbacRead = rbacOf(docs.one('argocd-rbac-cm'), 'argocd-rbac-cm is not among the files');
  return {
    settings: { admin: ok(admin), accounts: ok(accounts), anonymous: ok(anonymous), dex, oidc, rbac: rbacRead.rbac },
    notes: { warnings, ...rbacRead.notes },
  };
}

/** RBAC from argocd-rbac-cm: policy.csv and every policy.<name>.csv overlay, policy.default, scopes. */
export function rbacOf(
  rbacCm: SourceObject | undefined,
  absentDetail: string,
): { rbac: ArgoSettings['rbac']; notes: { scopes?: Setting<string>; matchMode?: Setting<string> } } {
  if (!rbacCm) return { rbac: missing('not_collected', absentDetail), notes: {} };
  const key = (k: string) => `/data/${escapePointer(k)}`;
  const r = dataOf(rbacCm);
  const keys = policyKeys(r);
  const lines: PolicyLine[] = keys.flatMap((k) => parsePolicyCsv(r[k]!, k, (line) => rbacCm.within(key(k), line)));
  const defaultRole: Setting<string> = Object.hasOwn(r, 'policy.default')
    ? { value: r['policy.default']!.trim(), source: rbacCm.at(key('policy.default')) }
    : { value: '', source: rbacCm.absent(key('policy.default'), 'policy.default is absent: authenticated users without a role get no access') };
  const scopes: Setting<string> = Object.hasOwn(r, 'scopes')
    ? { value: r.scopes!, source: rbacCm.at(key('scopes')) }
    : { value: '[groups]', source: rbacCm.absent(key('scopes'), 'scopes is absent: Argo CD matches the groups claim') };
  const matchMode: Setting<string> = Object.hasOwn(r, 'policy.matchMode')
    ? { value: r['policy.matchMode']!, source: rbacCm.at(key('policy.matchMode')) }
    : { value: 'glob', source: rbacCm.absent(key('policy.matchMode'), 'policy.matchMode is absent: glob') };
  const sources = keys.length ? keys.map((k) => rbacCm.at(key(k))) : [rbacCm.at('/data')];
  return { rbac: ok({ lines, defaultRole, sources }), notes: { scopes, matchMode } };
}

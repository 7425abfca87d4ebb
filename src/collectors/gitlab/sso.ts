/**
 * Single sign-on as `gitlab.rb` configures it (the API does not expose it): OmniAuth providers,
 * LDAP servers, automatic sign-in, blocking of auto-created users and the providers allowed to
 * bypass two-factor authentication. Defaults are Omnibus GitLab's (gitlab.rb.template and
 * GitLab's settings initializer).
 */
import { providerName } from '../kit/identity.js';
import type { FactSource } from '../../model/types.js';
import { heredocYaml, isOpaque, type RubyAssignment, type RubySettings, type RubyValue } from './ruby.js';

interface SsoProvider {
  /** OmniAuth strategy or ldap:<id>. */
  readonly id: string;
  /** Identity provider name (okta, entra-id, a host) for cross-tool comparison. */
  readonly provider: string | null;
  readonly at: FactSource;
}

export interface GitlabSso {
  readonly file: string;
  readonly omniauthEnabled: { readonly value: boolean; readonly at: FactSource };
  readonly providers: readonly SsoProvider[];
  readonly ldapEnabled: { readonly value: boolean; readonly at: FactSource };
  readonly preventLdapSignIn: { readonly value: boolean; readonly at: FactSource };
  readonly autoSignIn: { readonly value: string | null; readonly at: FactSource };
  readonly blockAutoCreated: { readonly value: boolean; readonly at: FactSource };
  /** Providers whose sign-ins skip GitLab's 2FA; 'all' when set to true. */
  readonly bypassTwoFactor: { readonly value: string[] | 'all'; readonly at: FactSource };
  /** Settings this reader depends on that it could not read. */
  readonly unreadable: readonly { readonly key: string; readonly line: number; readonly problem: string }[];
  /** Rotation of GitLab's logs (audit_json.log among them) by the bundled logrotate. */
  readonly logrotate: {
    readonly enabled: { readonly value: boolean; readonly at: FactSource };
    readonly frequency: { readonly value: string; readonly at: FactSource };
    readonly rotate: { readonly value: number; readonly at: FactSource };
    readonly maxsizeBytes: { readonly value: number | null; readonly at: FactSource };
  };
}

const KEYS = {
  omniauthEnabled: "gitlab_rails['omniauth_enabled']",
  providers: "gitlab_rails['omniauth_providers']",
  autoSignIn: "gitlab_rails['omniauth_auto_sign_in_with_provider']",
  blockAutoCreated: "gitlab_rails['omniauth_block_auto_created_users']",
  bypass: "gitlab_rails['omniauth_allow_bypass_two_factor']",
  ldapEnabled: "gitlab_rails['ldap_enabled']",
  preventLdap: "gitlab_rails['prevent_ldap_sign_in']",
  ldapServers: "gitlab_rails['ldap_servers']",
  logrotateEnable: "logrotate['enable']",
  frequency: "logging['logrotate_frequency']",
  rotate: "logging['logrotate_rotate']",
  maxsize: "logging['logrotate_maxsize']",
  size: "logging['logrotate_size']",
} as const;

const TEMPLATE = 'Omnibus GitLab default (files/gitlab-config-template/gitlab.rb.template)';

function isRecord(v: unknown): v is Record<string, RubyValue> {
  return v !== null && typeof v === 'object' && !Array.isArray(v) && !isOpaque(v);
}

function str(v: RubyValue | undefined): string | undefined {
  return typeof v === 'string' && v.trim() !== '' ? v : undefined;
}

/** Identity provider of one OmniAuth provider entry, from its documented args. */
function omniauthProvider(p: Record<string, RubyValue>): string | null {
  const name = String(p.name ?? '');
  const args = isRecord(p.args) ? p.args : {};
  const opts = isRecord(args.client_options) ? args.client_options : {};
  switch (name) {
    case 'saml':
      return providerName(str(args.idp_sso_target_url) ?? str(args.idp_cert_fingerprint) ?? str(args.issuer));
    case 'openid_connect':
      return providerName(str(args.issuer) ?? (str(opts.host) ? `https://${str(opts.host)}` : undefined) ?? str(opts.authorization_endpoint));
    case 'azure_activedirectory_v2':
    case 'azure_oauth2':
      return 'entra-id';
    case 'google_oauth2':
      return 'google';
    case 'github':
      return 'github';
    case 'gitlab':
      return 'gitlab';
    case 'okta':
      return 'okta';
    default:
      return name || null;
  }
}

/**
 * LDAP servers: a YAML heredoc (YAML.load <<-'EOS') or a Ruby hash, keyed by provider id; nil or
 * an empty heredoc is none. Undefined when the value cannot be read (a heredoc that is not a YAML
 * mapping, an alias bomb, a reference to the environment or a file): never taken for "no server".
 */
function ldapServers(v: RubyValue | undefined): { id: string; host: string | null }[] | undefined {
  const parsed = typeof v === 'string' ? heredocYaml(v) : v;
  if (parsed === null) return [];
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed) || isOpaque(parsed)) return undefined;
  return Object.entries(parsed as Record<string, unknown>).map(([id, s]) => {
    const host = s && typeof s === 'object' && typeof (s as Record<string, unknown>).host === 'string' ? ((s as Record<string, unknown>).host as string) : null;
    return { id, host };
  });
}

export function readSso(rb: RubySettings, file: string): GitlabSso {
  const at = (a: RubyAssignment): FactSource => ({ file, line: a.line, column: a.col, pointer: a.key });
  const dflt = (key: string, text: string): FactSource => ({ file, line: 1, column: 1, pointer: key, default: `${key} is not set: ${text}` });
  const unreadable = rb.unreadable
    .filter((u) => u.key && Object.values(KEYS).includes(u.key as never))
    .map((u) => ({ key: u.key!, line: u.line, problem: u.problem }));
  const bool = (key: string, fallback: boolean, text: string) => {
    const a = rb.values.get(key);
    if (a && typeof a.value === 'boolean') return { value: a.value, at: at(a) };
    if (a && a.value !== null) unreadable.push({ key, line: a.line, problem: `expected true or false, got ${JSON.stringify(a.value)}` });
    return { value: fallback, at: a ? at(a) : dflt(key, text) };
  };
  const omniauthEnabled = bool(KEYS.omniauthEnabled, true, `OmniAuth is on (GitLab's settings initializer sets enabled when it is nil, since 11.4)`);
  const providers: SsoProvider[] = [];
  const pa = rb.values.get(KEYS.providers);
  if (pa && Array.isArray(pa.value)) {
    for (const p of pa.value) if (isRecord(p)) providers.push({ id: String(p.name ?? 'omniauth'), provider: omniauthProvider(p), at: at(pa) });
  } else if (pa && pa.value !== null) {
    unreadable.push({ key: KEYS.providers, line: pa.line, problem: 'expected a list of provider hashes' });
  }
  const ldapEnabled = bool(KEYS.ldapEnabled, false, `LDAP is off (${TEMPLATE})`);
  const ls = rb.values.get(KEYS.ldapServers);
  if (ldapEnabled.value && ls) {
    const servers = ldapServers(ls.value);
    if (servers) for (const s of servers) providers.push({ id: `ldap:${s.id}`, provider: s.host ? providerName(`ldap://${s.host}`) : null, at: at(ls) });
    else unreadable.push({ key: KEYS.ldapServers, line: ls.line, problem: 'expected the LDAP servers as a YAML mapping (YAML.load heredoc) or a Ruby hash' });
  }
  const auto = rb.values.get(KEYS.autoSignIn);
  const bypass = rb.values.get(KEYS.bypass);
  const bypassValue: string[] | 'all' = bypass?.value === true ? 'all' : Array.isArray(bypass?.value) ? bypass.value.map(String) : [];
  const frequency = rb.values.get(KEYS.frequency);
  const rotate = rb.values.get(KEYS.rotate);
  const maxsize = rb.values.get(KEYS.maxsize) ?? rb.values.get(KEYS.size);
  return {
    file,
    omniauthEnabled,
    providers: omniauthEnabled.value ? providers : providers.filter((p) => p.id.startsWith('ldap:')),
    ldapEnabled,
    preventLdapSignIn: bool(KEYS.preventLdap, false, `LDAP sign-in is allowed (${TEMPLATE})`),
    autoSignIn: { value: auto && typeof auto.value === 'string' ? auto.value : null, at: auto ? at(auto) : dflt(KEYS.autoSignIn, 'no automatic sign-in') },
    blockAutoCreated: bool(KEYS.blockAutoCreated, true, `auto-created users are blocked until approved (${TEMPLATE})`),
    bypassTwoFactor: { value: bypassValue, at: bypass ? at(bypass) : dflt(KEYS.bypass, 'no provider bypasses two-factor authentication') },
    unreadable,
    logrotate: {
      enabled: bool(KEYS.logrotateEnable, true, `the bundled logrotate runs (${TEMPLATE})`),
      frequency: {
        value: frequency && typeof frequency.value === 'string' ? frequency.value : 'daily',
        at: frequency ? at(frequency) : dflt(KEYS.frequency, `rotated daily (${TEMPLATE})`),
      },
      rotate: {
        value: rotate && typeof rotate.value === 'number' ? rotate.value : 30,
        at: rotate ? at(rotate) : dflt(KEYS.rotate, `30 rotated files kept (${TEMPLATE})`),
      },
      maxsizeBytes: {
        value: maxsize ? sizeBytes(maxsize.value) : null,
        at: maxsize ? at(maxsize) : dflt(KEYS.maxsize, `no size limit (${TEMPLATE})`),
      },
    },
  };
}

/** logrotate sizes: bytes, or 100k / 100M / 1G. */
function sizeBytes(v: RubyValue): number | null {
  if (typeof v === 'number') return v;
  if (typeof v !== 'string') return null;
  const m = /^(\d+)\s*([kKmMgG]?)$/.exec(v.trim());
  if (!m) return null;
  const unit = { '': 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3 }[m[2]!.toLowerCase() as '' | 'k' | 'm' | 'g'];
  return Number(m[1]) * unit;
}

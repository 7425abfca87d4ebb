/**
 * The Audit Trail plugin (`unclassified.audit-trail`): its loggers, its URL pattern and what it
 * therefore records. Defaults are the plugin's field defaults (AuditTrailPlugin.java): pattern
 * DEFAULT_PATTERN, logBuildCause true, logCredentialsUsage true, logScriptUsage false.
 */
import type { Located } from './casc.js';
import { bool, child, type Found, isRecord, list, str } from './lookup.js';

/** The plugin's keywords and DEFAULT_PATTERN, `.*\/(?:k1|k2|...)/?.*`. */
const AUDIT_KEYWORDS = [
  'configSubmit',
  'doDelete',
  'postBuildResult',
  'enable',
  'disable',
  'cancelQueue',
  'stop',
  'toggleLogKeep',
  'doWipeOutWorkspace',
  'createItem',
  'createView',
  'toggleOffline',
  'cancelQuietDown',
  'quietDown',
  'restart',
  'exit',
  'safeExit',
] as const;
const DEFAULT_PATTERN = `.*/(?:${AUDIT_KEYWORDS.join('|')})/?.*`;

/** Former default patterns the plugin replaces with DEFAULT_PATTERN when it loads them (BypassablePatternMonitor.LEGACY_DEFAULT_PATTERNS). */
const LEGACY_DEFAULT_PATTERNS = [
  `.*/(?:${AUDIT_KEYWORDS.join('|')})`,
  '.*/(?:configSubmit|doDelete|postBuildResult|cancelQueue|stop|toggleLogKeep|doWipeOutWorkspace|createItem|createView|toggleOffline)',
  '.*/(?:configSubmit|doDelete|build|toggleLogKeep|doWipeOutWorkspace|createItem|createView)',
];

/** Which request keywords stand for which event class. */
const CLASS_KEYWORDS: Record<string, readonly string[]> = {
  configuration: ['configSubmit'],
  deletion: ['doDelete', 'doWipeOutWorkspace'],
  'item-creation': ['createItem', 'createView'],
  'build-control': ['postBuildResult', 'stop', 'cancelQueue', 'toggleLogKeep', 'enable', 'disable'],
  'node-control': ['toggleOffline'],
  'system-control': ['restart', 'exit', 'safeExit', 'quietDown', 'cancelQuietDown'],
};

type LoggerType = 'logFile' | 'logFileDailyRotation' | 'syslog' | 'console' | 'elasticSearch';

export interface Logger {
  readonly type: LoggerType | string;
  readonly at: Located;
  readonly config: Record<string, unknown>;
}

export interface AuditTrail {
  readonly at: Located;
  readonly loggers: readonly Logger[];
  readonly pattern: { readonly value: string; readonly at: Located };
  readonly logBuildCause: { readonly value: boolean; readonly at: Located };
  readonly logCredentialsUsage: { readonly value: boolean; readonly at: Located };
  readonly logScriptUsage: { readonly value: boolean; readonly at: Located };
}

const PLUGIN = 'audit-trail plugin default (AuditTrailPlugin.java)';

export function readAuditTrail(f: Found): AuditTrail {
  const block: Found = isRecord(f.value) ? f : { ...f, value: {} };
  const loggers: Logger[] = [];
  const l = list(block, 'loggers');
  l?.value.forEach((entry, i) => {
    const at = child(l, i)!.at;
    if (typeof entry === 'string') loggers.push({ type: entry, at, config: {} });
    else if (isRecord(entry)) {
      for (const [type, config] of Object.entries(entry)) loggers.push({ type, at, config: isRecord(config) ? config : {} });
    }
  });
  const pattern = str(block, 'pattern');
  const legacy = pattern !== undefined && LEGACY_DEFAULT_PATTERNS.includes(pattern.value.trim());
  return {
    at: f.at,
    loggers,
    pattern: !pattern
      ? { value: DEFAULT_PATTERN, at: { ...f.at, default: `pattern is absent: the ${PLUGIN} covers ${AUDIT_KEYWORDS.length} request keywords` } }
      : legacy
        ? {
            value: DEFAULT_PATTERN,
            at: {
              ...pattern.at,
              default: 'a former default pattern: the plugin replaces it with its current default when it loads it (AuditTrailPlugin.setPattern)',
            },
          }
        : { value: pattern.value.trim(), at: pattern.at },
    logBuildCause: bool(block, 'logBuildCause', true, `logBuildCause is absent: on by default (${PLUGIN})`),
    logCredentialsUsage: bool(block, 'logCredentialsUsage', true, `logCredentialsUsage is absent: on by default (${PLUGIN})`),
    logScriptUsage: bool(block, 'logScriptUsage', false, `logScriptUsage is absent: off by default (${PLUGIN}; the plugin README says on, the code says off)`),
  };
}

export interface PatternCoverage {
  /** The pattern compiles as a regular expression (Java and JavaScript agree on the plugin's syntax). */
  readonly valid: boolean;
  /** Keywords the pattern records. */
  readonly covered: string[];
  /** Keywords it matches only in the plain form, so crafted URLs (/static/x/kw, /kw/x) are not recorded. */
  readonly bypassable: string[];
}

/** What the pattern records, checked the way the plugin's BypassablePatternMonitor does. */
export function patternCoverage(pattern: string): PatternCoverage {
  let re: RegExp;
  try {
    re = new RegExp(`^(?:${pattern})$`);
  } catch {
    return { valid: false, covered: [], bypassable: [] };
  }
  const covered: string[] = [];
  const bypassable: string[] = [];
  for (const kw of AUDIT_KEYWORDS) {
    if (!re.test(`/${kw}`)) continue;
    if (re.test(`/static/forged/${kw}`) && re.test(`/${kw}/forged`)) covered.push(kw);
    else bypassable.push(kw);
  }
  return { valid: true, covered, bypassable };
}

/**
 * Where Jenkins sends a browser whose sign-in through its login form failed (SecurityRealm:
 * SimpleUrlAuthenticationFailureHandler("/loginError")). The plugin has no login listener: a
 * pattern matching this page is how the Audit Trail records failed sign-ins, as "/loginError by
 * anonymous from <ip>" (no user name). Failed API-token requests answer 401 and are not recorded.
 */
const LOGIN_ERROR_PATH = '/loginError';

/** The event class of failed sign-ins (AR-EVT-006's failed_login_event_classes for jenkins). */
const LOGIN_FAILURES = 'login-failures';

/** The pattern records the page a failed form sign-in lands on. */
export function recordsLoginErrors(pattern: string): boolean {
  try {
    return new RegExp(`^(?:${pattern})$`).test(LOGIN_ERROR_PATH);
  } catch {
    return false;
  }
}

/**
 * Event classes the configuration records. `formSignIn`: people sign in through Jenkins' own login
 * form (its user database, LDAP, Active Directory, PAM); with SAML, OIDC or OAuth the identity
 * provider sees failed sign-ins and Jenkins never lands on /loginError.
 */
export function eventClasses(a: AuditTrail, coverage: PatternCoverage, formSignIn: boolean): string[] {
  const classes = new Set<string>();
  if (formSignIn && coverage.valid && recordsLoginErrors(a.pattern.value)) classes.add(LOGIN_FAILURES);
  // AuditTrailRunListener logs each build's start (with its cause) and completion when logBuildCause is on.
  if (a.logBuildCause.value) classes.add('builds');
  if (a.logCredentialsUsage.value) classes.add('credentials');
  if (a.logScriptUsage.value) classes.add('script-console');
  for (const [cls, kws] of Object.entries(CLASS_KEYWORDS)) {
    if (kws.some((k) => coverage.covered.includes(k))) classes.add(cls);
  }
  return [...classes].sort();
}

export interface Destination {
  readonly name: string;
  readonly type: string;
  readonly central: boolean;
  readonly endpoint?: string;
  /** Timestamps this logger writes carry a zone. */
  readonly zoned: boolean;
  readonly at: Located;
}

function hostPort(host: unknown, port: unknown, fallback: number): string {
  return `${String(host)}:${typeof port === 'number' && port > 0 ? port : fallback}`;
}

/** Where each logger writes, and whether its timestamps carry a zone. */
export function destinationOf(l: Logger): Destination {
  const c = l.config;
  switch (l.type) {
    case 'logFile':
      // java.util.logging FileHandler with the plugin's "MMM d, yyyy h:mm:ss,SSS aa" format: no zone.
      return {
        name: `log file ${String(c.log ?? '')}`.trim(),
        type: 'local-file',
        central: false,
        ...(typeof c.log === 'string' ? { endpoint: c.log } : {}),
        zoned: false,
        at: l.at,
      };
    case 'logFileDailyRotation':
      return {
        name: `daily log file ${String(c.log ?? '')}`.trim(),
        type: 'local-file',
        central: false,
        ...(typeof c.log === 'string' ? { endpoint: c.log } : {}),
        zoned: false,
        at: l.at,
      };
    case 'syslog': {
      // RFC 3164 (the plugin's default messageFormat) timestamps carry no zone and no year; RFC 5424 carries an offset.
      const format = typeof c.messageFormat === 'string' ? c.messageFormat : 'RFC_3164';
      const host = typeof c.syslogServerHostname === 'string' ? c.syslogServerHostname : '';
      return {
        name: `syslog ${host}`.trim(),
        type: 'syslog',
        central: host !== '',
        ...(host ? { endpoint: `syslog://${hostPort(host, c.syslogServerPort, 514)}` } : {}),
        zoned: format === 'RFC_5424',
        at: l.at,
      };
    }
    case 'elasticSearch': {
      const url = typeof c.url === 'string' ? c.url : '';
      // ElasticSearchAuditLogger formats timestamps as yyyy-MM-dd'T'HH:mm:ssZ (with an offset).
      return { name: `elasticsearch ${url}`.trim(), type: 'elasticsearch', central: url !== '', ...(url ? { endpoint: url } : {}), zoned: true, at: l.at };
    }
    case 'console': {
      const fmt = typeof c.dateFormat === 'string' ? c.dateFormat : '';
      // A SimpleDateFormat with Z, X or z prints a zone; without a dateFormat the plugin's default has none.
      return { name: `console ${String(c.output ?? 'STD_OUT')}`, type: 'console', central: false, zoned: /[ZXz]/.test(fmt.replace(/'[^']*'/g, '')), at: l.at };
    }
    default:
      return { name: l.type, type: l.type, central: false, zoned: false, at: l.at };
  }
}

/** Local rotation of a file logger: FileHandler size limit (MB) and file count, or daily files kept. */
export function rotationOf(l: Logger): { max_size_mb: number; max_files: number; max_age_days: number } | undefined {
  const n = (v: unknown) => (typeof v === 'number' && Number.isInteger(v) && v >= 0 ? v : typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : undefined);
  if (l.type === 'logFile') {
    // FileHandler: limit 0 = no size limit; JCasC passes 0 for an absent int.
    const count = n(l.config.count) ?? 1;
    return { max_size_mb: n(l.config.limit) ?? 0, max_files: count, max_age_days: -1 };
  }
  if (l.type === 'logFileDailyRotation') {
    const count = n(l.config.count) ?? 1;
    return { max_size_mb: 0, max_files: count, max_age_days: count };
  }
  return undefined;
}

/**
 * Splunk indexes → a StoreReading, from indexes.conf (with [default] inheritance and Splunk's
 * shipped defaults), `splunk btool indexes list` output, or the REST API
 * (`GET /services/data/indexes/<name>?output_mode=json` → `entry[0].content`).
 *
 *  - Retention: a bucket freezes when its newest event is older than `frozenTimePeriodInSecs`
 *    (default 188697600 s ≈ 6 years), so every event is kept at least that long: total and online
 *    (hot, warm and cold buckets are all searchable). Frozen buckets are deleted when
 *    `coldToFrozenDir` and `coldToFrozenScript` are empty (the default), else archived (not
 *    searchable, and kept as long as that archive is: not counted).
 *  - Size can freeze buckets earlier: `maxTotalDataSizeMB` (default 500000), `coldPath.maxDataSizeMB`,
 *    a volume's `maxVolumeDataSizeMB`. Sizes cannot be turned into days: they are warnings.
 *  - Backup: `repFactor = auto` replicates the index across the indexer cluster's peers.
 *  - Immutable: no; a user with the can_delete role can `| delete`, an admin can clean an index.
 * Several indexes: the shortest retention wins.
 */
import { inputError } from '../log-store/errors.js';
import { isRecord, type Located, pick } from '../log-store/located.js';
import { documented, missing, ok, type Outcome, type Setting, type StoreReading, setting } from '../log-store/reading.js';
import { type FactSource, formatDays, fromSeconds, type Retention, retentionEvidence, shortest } from '../log-store/retention.js';

/** Splunk's shipped defaults (etc/system/default/indexes.conf) for the settings read. */
const SPLUNK_DEFAULTS: Readonly<Record<string, string>> = {
  frozenTimePeriodInSecs: '188697600',
  maxTotalDataSizeMB: '500000',
  coldToFrozenDir: '',
  coldToFrozenScript: '',
  'homePath.maxDataSizeMB': '0',
  'coldPath.maxDataSizeMB': '0',
  repFactor: '0',
  disabled: 'false',
};

/** One setting of one index: its value and where it was read (or the default it is). */
interface Value {
  readonly value: string;
  readonly source: FactSource;
  /** The .conf file btool says the setting came from. */
  readonly origin?: string;
}

/** How an index's settings are looked up, whatever they were read from. */
export interface IndexSource {
  readonly name: string;
  get(key: string): Value;
  /** A volume's size cap when homePath/coldPath live on a volume (conf files only). */
  volumeCap(path: 'homePath' | 'coldPath'): Value | undefined;
  /** Size of the index now (REST only). */
  readonly currentSizeMB?: number;
}

/** An index of a .conf document (conf.ts confDocument): its stanza, then [default], then Splunk's default. */
export function indexFromConf(doc: Located, name: string): IndexSource {
  const seg = (x: string) => x.replace(/~/g, '~0').replace(/\//g, '~1');
  const stanzas = pick(doc.value, '/splunk_conf');
  if (!isRecord(stanzas) || !isRecord(stanzas[name])) {
    return inputError(doc.at('/splunk_conf'), `index ${name} (named in options) has no [${name}] stanza`, `a [${name}] stanza in indexes.conf`);
  }
  const get = (key: string): Value => {
    for (const stanza of [name, 'default']) {
      const v = pick(doc.value, `/splunk_conf/${seg(stanza)}/${seg(key)}`);
      if (typeof v === 'string') {
        const origin = pick(doc.value, `/btool_origins/${seg(stanza)}/${seg(key)}`);
        return { value: v, source: doc.at(`/splunk_conf/${seg(stanza)}/${seg(key)}`), ...(typeof origin === 'string' ? { origin } : {}) };
      }
    }
    return {
      value: SPLUNK_DEFAULTS[key] ?? '',
      source: doc.absent(`/splunk_conf/${seg(name)}/${seg(key)}`, `${SPLUNK_DEFAULTS[key] || '(empty)'} (Splunk's etc/system/default/indexes.conf)`),
    };
  };
  return {
    name,
    get,
    volumeCap(path) {
      const m = /^volume:([^/]+)\//.exec(get(path).value);
      if (!m) return undefined;
      const at = `/splunk_conf/${seg(`volume:${m[1]}`)}/maxVolumeDataSizeMB`;
      const v = pick(doc.value, at);
      return typeof v === 'string' ? { value: v, source: doc.at(at) } : undefined;
    },
  };
}

export function indexFromRest(doc: Located, name: string): IndexSource {
  const entries = pick(doc.value, '/entry');
  if (!Array.isArray(entries)) return inputError(doc.at(''), 'no entry list', 'the answer of GET /services/data/indexes/<name>?output_mode=json');
  const i = entries.findIndex((e) => pick(e, '/name') === name);
  if (i < 0) return inputError(doc.at('/entry'), `index ${name} is not in the answer`, `the answer of GET /services/data/indexes/${name}?output_mode=json`);
  const base = `/entry/${i}/content`;
  const content = pick(doc.value, base);
  if (!isRecord(content)) return inputError(doc.at(`/entry/${i}`), `entry ${name} has no content`, 'entry[].content with the index settings');
  const size = Number(content.currentDBSizeMB);
  return {
    name,
    get: (key) =>
      content[key] === undefined || content[key] === null
        ? {
            value: SPLUNK_DEFAULTS[key] ?? '',
            source: doc.absent(`${base}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`, `${SPLUNK_DEFAULTS[key] || '(empty)'} (Splunk's default)`),
          }
        : { value: String(content[key]), source: doc.at(`${base}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`) },
    volumeCap: () => undefined,
    ...(Number.isFinite(size) ? { currentSizeMB: size } : {}),
  };
}

function int(v: Value, key: string, index: string): number {
  if (!/^\d+$/.test(v.value.trim())) return inputError(v.source, `${key} of index ${index} is "${v.value}"`, 'a whole number');
  return Number(v.value.trim());
}

interface IndexResult {
  readonly retention: Retention;
  readonly warnings: string[];
  readonly replicated: Setting<boolean>;
  readonly evidence: Record<string, unknown>;
}

function readIndex(ix: IndexSource): IndexResult {
  const warnings: string[] = [];
  const frozen = ix.get('frozenTimePeriodInSecs');
  const seconds = int(frozen, 'frozenTimePeriodInSecs', ix.name);
  const archive = [ix.get('coldToFrozenDir'), ix.get('coldToFrozenScript')].find((v) => v.value.trim() !== '');
  const retention: Retention = {
    ...fromSeconds(seconds, `index ${ix.name} frozenTimePeriodInSecs`, frozen.source),
    note: archive
      ? `frozen buckets are archived (${archive.value.trim()}), not searchable and kept as long as that archive keeps them: not counted`
      : 'frozen buckets are deleted (coldToFrozenDir and coldToFrozenScript are empty)',
  };
  const maxTotal = ix.get('maxTotalDataSizeMB');
  const totalMB = int(maxTotal, 'maxTotalDataSizeMB', ix.name);
  warnings.push(
    `index ${ix.name}: buckets also freeze when the index exceeds maxTotalDataSizeMB ${totalMB} MB${maxTotal.source.default ? ' (the default)' : ''}, whatever their age; a size cannot be turned into days`,
  );
  if (ix.currentSizeMB !== undefined && totalMB > 0 && ix.currentSizeMB >= 0.8 * totalMB) {
    warnings.push(
      `index ${ix.name} holds ${ix.currentSizeMB} MB, ${Math.round((100 * ix.currentSizeMB) / totalMB)} % of maxTotalDataSizeMB: buckets are (or will soon be) frozen by size`,
    );
  }
  const coldMax = int(ix.get('coldPath.maxDataSizeMB'), 'coldPath.maxDataSizeMB', ix.name);
  if (coldMax > 0) warnings.push(`index ${ix.name}: coldPath.maxDataSizeMB ${coldMax} MB freezes the oldest cold buckets when exceeded`);
  for (const p of ['homePath', 'coldPath'] as const) {
    const cap = ix.volumeCap(p);
    if (cap) warnings.push(`index ${ix.name}: its ${p} is on a volume with maxVolumeDataSizeMB ${cap.value}: a full volume rolls or freezes buckets early`);
  }
  if (ix.get('disabled').value.trim().toLowerCase() === 'true' || ix.get('disabled').value.trim() === '1') {
    warnings.push(`index ${ix.name} is disabled: it receives and serves nothing`);
  }
  const rep = ix.get('repFactor');
  const replicated = setting(
    rep.value.trim().toLowerCase() === 'auto',
    rep.value.trim().toLowerCase() === 'auto' ? `index ${ix.name}: repFactor = auto (replicated across the indexer cluster's peers)` : undefined,
    rep.source,
  );
  return {
    retention,
    warnings,
    replicated,
    evidence: {
      index: ix.name,
      retention: retentionEvidence(retention),
      ...(frozen.origin ? { frozenTimePeriodInSecs_set_in: frozen.origin } : {}),
      frozen: archive ? `archived to ${archive.value.trim()}` : 'deleted',
      maxTotalDataSizeMB: totalMB,
      'homePath.maxDataSizeMB': int(ix.get('homePath.maxDataSizeMB'), 'homePath.maxDataSizeMB', ix.name),
      'coldPath.maxDataSizeMB': coldMax,
      repFactor: rep.value || '0',
      ...(ix.currentSizeMB !== undefined ? { currentDBSizeMB: ix.currentSizeMB } : {}),
    },
  };
}

export interface SplunkInput {
  readonly indexes: Outcome<readonly IndexSource[]>;
  readonly anonymous: Outcome<Setting<boolean>>;
}

export function readSplunk(input: SplunkInput): StoreReading {
  const results = input.indexes.ok ? input.indexes.value.map(readIndex) : [];
  const decided = shortest(results.map((r) => r.retention));
  let total: Outcome<Retention>;
  if (!input.indexes.ok) total = input.indexes;
  else if (!decided) total = missing('not_collected', 'no index named in options.indexes');
  else total = ok(decided);
  let backup: Outcome<Setting<boolean>>;
  if (!input.indexes.ok) backup = input.indexes;
  else {
    const notReplicated = results.filter((r) => !r.replicated.value);
    backup =
      notReplicated.length === 0 && results.length > 0
        ? ok(setting(true, results.map((r) => r.replicated.why).join('; '), ...results.flatMap((r) => r.replicated.sources)))
        : missing(
            'not_collected',
            `index ${results
              .filter((r) => !r.replicated.value)
              .map((r) => (r.evidence as { index: string }).index)
              .join(', ')} is not replicated by an indexer cluster (repFactor is not auto); file-system backups of its buckets are outside indexes.conf`,
          );
  }
  return {
    label: 'Splunk',
    hosting: 'self-hosted',
    retention: total,
    online: total.ok ? ok({ ...total.value, note: `${total.value.note}; hot, warm and cold buckets are searchable until frozen` }) : total,
    immutable: ok(
      setting(
        false,
        'Splunk has no write-once index: a user with the can_delete role can run | delete, and an admin can clean an index',
        documented('Splunk', 'indexed events can be deleted with the can_delete role or splunk clean eventdata'),
      ),
    ),
    backup,
    anonymous: input.anonymous,
    readRestricted: missing('not_collected', 'which roles may search the indexes (srchIndexesAllowed in authorize.conf) is not read'),
    accessLog: {
      enabled: ok(
        setting(
          true,
          'Splunk records logins, searches and configuration changes in its _audit index',
          documented('Splunk', 'the _audit index records user activity (searches, logins, changes)'),
        ),
      ),
    },
    identity: missing('not_collected', "Splunk's authentication (authentication.conf: LDAP, SAML, MFA) is not read by this collector"),
    access: missing('not_collected', "Splunk's roles (authorize.conf) are not read by this collector"),
    timestampZone: ok(setting('UTC', undefined, documented('Splunk', '_time is stored as seconds since the Unix epoch (UTC)'))),
    explain: decided
      ? [
          results.length > 1
            ? `${results.length} indexes; the shortest, ${formatDays(decided.days)} (${decided.setting}), is the fact`
            : `${formatDays(decided.days)} (${decided.setting})`,
        ]
      : [],
    warnings: results.flatMap((r) => r.warnings),
    details: { indexes: results.map((r) => r.evidence) },
  };
}

/**
 * An S3 bucket's retention, immutability, backup and public access from the S3 API's answers,
 * however they were read: live through @aws-sdk/client-s3, or the JSON the AWS CLI prints
 * (`aws s3api get-bucket-lifecycle-configuration`, ...), which has the same shape.
 *
 *  - Retention: the enabled lifecycle rules that can reach objects under the prefix;
 *    `Expiration.Days` (or `Date`) deletes current objects; no rule = kept until someone deletes
 *    them (forever). The shortest applicable rule wins. Transitions to GLACIER or DEEP_ARCHIVE
 *    make objects not immediately available (a restore first): they bound the online retention.
 *  - Immutable: Object Lock with a default retention in COMPLIANCE mode of at least the retention;
 *    GOVERNANCE can be bypassed (s3:BypassGovernanceRetention), so it is not immutability.
 *  - Backup: versioning Enabled (prior versions are kept) or an enabled replication rule.
 *  - Anonymous: Block Public Access (all four settings) rules it out; else the policy status and
 *    the ACL's grants to AllUsers / AuthenticatedUsers decide.
 *  - Access log: server access logging (GetBucketLogging).
 */
import { isRecord, type Located, pick } from '../log-store/located.js';
import {
  type AccessLog,
  documented,
  type Missing,
  missing,
  ok,
  type Outcome,
  readRestriction,
  type Setting,
  type StoreReading,
  setting,
} from '../log-store/reading.js';
import { type FactSource, FOREVER, formatDays, keptForever, fromDays, fromYears, type Retention, retentionEvidence, shortest } from '../log-store/retention.js';
import type { Gap, Resource } from '../../model/types.js';
import { inputError } from '../log-store/errors.js';

/** One S3 configuration read from the API or a file: a document, or the API's "does not exist". */
export type Answer = Outcome<{ readonly doc: Located } | { readonly none: FactSource; readonly code: string }>;

/** The S3 calls, with the IAM action each needs and what the CLI command is. */
export const S3_CALLS = {
  lifecycle: {
    api: 'GetBucketLifecycleConfiguration',
    action: 's3:GetLifecycleConfiguration',
    cli: 'get-bucket-lifecycle-configuration',
    notFound: 'NoSuchLifecycleConfiguration',
  },
  objectLock: {
    api: 'GetObjectLockConfiguration',
    action: 's3:GetBucketObjectLockConfiguration',
    cli: 'get-object-lock-configuration',
    notFound: 'ObjectLockConfigurationNotFoundError',
  },
  versioning: { api: 'GetBucketVersioning', action: 's3:GetBucketVersioning', cli: 'get-bucket-versioning', notFound: undefined },
  replication: {
    api: 'GetBucketReplication',
    action: 's3:GetReplicationConfiguration',
    cli: 'get-bucket-replication',
    notFound: 'ReplicationConfigurationNotFoundError',
  },
  publicAccessBlock: {
    api: 'GetPublicAccessBlock',
    action: 's3:GetBucketPublicAccessBlock',
    cli: 'get-public-access-block',
    notFound: 'NoSuchPublicAccessBlockConfiguration',
  },
  policyStatus: { api: 'GetBucketPolicyStatus', action: 's3:GetBucketPolicyStatus', cli: 'get-bucket-policy-status', notFound: 'NoSuchBucketPolicy' },
  acl: { api: 'GetBucketAcl', action: 's3:GetBucketAcl', cli: 'get-bucket-acl', notFound: undefined },
  logging: { api: 'GetBucketLogging', action: 's3:GetBucketLogging', cli: 'get-bucket-logging', notFound: undefined },
} as const;

export type S3Call = keyof typeof S3_CALLS;

export interface S3Input {
  readonly bucket: string;
  /** Objects holding the audit records: only lifecycle rules that can reach them count. */
  readonly prefix: string;
  readonly answers: { readonly [k in S3Call]: Answer };
  /** AWS (the provider runs it) or an S3-compatible server the customer runs. */
  readonly hosting: 'saas' | 'self-hosted';
  /** For Expiration.Date: days from now. */
  readonly now: Date;
}

const ARCHIVE_CLASSES = new Set(['GLACIER', 'DEEP_ARCHIVE']);
const PUBLIC_GROUPS = ['http://acs.amazonaws.com/groups/global/AllUsers', 'http://acs.amazonaws.com/groups/global/AuthenticatedUsers'];

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);

/** Which part of the objects under `prefix` a rule's filter reaches: all, some, or none. */
function reach(rule: Record<string, unknown>, prefix: string): 'all' | 'some' | 'none' {
  const filter = isRecord(rule.Filter) ? rule.Filter : undefined;
  const and = filter && isRecord(filter.And) ? filter.And : undefined;
  const rulePrefix = str(and?.Prefix) ?? str(filter?.Prefix) ?? str(rule.Prefix) ?? '';
  const narrowed =
    (and && (Array.isArray(and.Tags) ? and.Tags.length > 0 : false)) ||
    (and && (and.ObjectSizeGreaterThan !== undefined || and.ObjectSizeLessThan !== undefined)) ||
    (filter && (filter.Tag !== undefined || filter.ObjectSizeGreaterThan !== undefined || filter.ObjectSizeLessThan !== undefined));
  if (prefix.startsWith(rulePrefix)) return narrowed ? 'some' : 'all';
  if (rulePrefix.startsWith(prefix)) return 'some';
  return 'none';
}

/** Days until a lifecycle Date from now (0 once it has passed: objects expire as soon as they exist). */
function daysUntil(date: unknown, now: Date): number | undefined {
  const t = date instanceof Date ? date.getTime() : typeof date === 'string' ? Date.parse(date) : Number.NaN;
  if (Number.isNaN(t)) return undefined;
  return Math.max(0, Math.floor((t - now.getTime()) / 86_400_000));
}

interface LifecycleResult {
  readonly total: Retention;
  readonly online: Retention;
  readonly explain: string[];
  readonly noncurrentDays: number | undefined;
}

function readLifecycle(answer: Exclude<Answer, Missing>['value'], prefix: string, now: Date): LifecycleResult {
  const scope = prefix ? `objects under ${prefix}` : 'every object';
  if ('none' in answer) {
    const f: Retention = keptForever('lifecycle configuration', `${answer.code}: no lifecycle rule deletes objects`, answer.none);
    return {
      total: f,
      online: f,
      explain: ['the bucket has no lifecycle configuration: objects are kept until someone deletes them'],
      noncurrentDays: undefined,
    };
  }
  const { doc } = answer;
  const rules = pick(doc.value, '/Rules');
  if (!Array.isArray(rules)) return inputError(doc.at(''), 'no Rules list', 'the output of get-bucket-lifecycle-configuration: {"Rules": [...]}');
  const totals: Retention[] = [];
  const archives: Retention[] = [];
  const explain: string[] = [];
  let noncurrentDays: number | undefined;
  for (const [i, rule] of rules.entries()) {
    const at = `/Rules/${i}`;
    if (!isRecord(rule)) inputError(doc.at(at), `Rules[${i}] is not an object`, 'a lifecycle rule {ID, Status, Filter, Expiration, ...}');
    const id = str(rule.ID) ?? `#${i + 1}`;
    if (rule.Status !== 'Enabled') {
      explain.push(`rule ${id} is ${String(rule.Status ?? 'without a Status')}: ignored`);
      continue;
    }
    const r = reach(rule, prefix);
    if (r === 'none') {
      explain.push(`rule ${id} does not reach ${scope}: ignored`);
      continue;
    }
    const part = r === 'some' ? ` (it reaches some of ${scope}: tags, size or a longer prefix)` : '';
    const exp = isRecord(rule.Expiration) ? rule.Expiration : undefined;
    const expDays = num(exp?.Days);
    if (expDays !== undefined) {
      totals.push({ ...fromDays(expDays, `lifecycle rule ${id} Expiration.Days${part}`, doc.at(`${at}/Expiration/Days`)) });
    } else if (exp?.Date !== undefined) {
      const d = daysUntil(exp.Date, now);
      if (d === undefined) inputError(doc.at(`${at}/Expiration/Date`), `rule ${id} Expiration.Date is not a date`, 'an ISO 8601 date');
      totals.push({
        days: d,
        raw: String(exp.Date instanceof Date ? exp.Date.toISOString() : exp.Date),
        unit: 'date',
        setting: `lifecycle rule ${id} Expiration.Date${part}`,
        note: 'every object is deleted on that date, however new: the days left from now',
        sources: [doc.at(`${at}/Expiration/Date`)],
      });
    }
    const transitions = Array.isArray(rule.Transitions) ? rule.Transitions : isRecord(rule.Transition) ? [rule.Transition] : [];
    transitions.forEach((t, j) => {
      if (!isRecord(t) || !ARCHIVE_CLASSES.has(String(t.StorageClass))) return;
      const tDays = num(t.Days) ?? daysUntil(t.Date, now);
      if (tDays === undefined) return;
      const tp = Array.isArray(rule.Transitions) ? `${at}/Transitions/${j}` : `${at}/Transition`;
      archives.push({
        ...fromDays(tDays, `lifecycle rule ${id} transition to ${String(t.StorageClass)}${part}`, doc.at(tp)),
        note: `${String(t.StorageClass)} objects need a restore before they can be read: not immediately available`,
      });
    });
    const nve = isRecord(rule.NoncurrentVersionExpiration) ? rule.NoncurrentVersionExpiration : undefined;
    const nd = num(nve?.NoncurrentDays);
    if (nd !== undefined && (noncurrentDays === undefined || nd < noncurrentDays)) noncurrentDays = nd;
  }
  const total = shortest(totals) ?? keptForever('lifecycle configuration', `no enabled rule with an Expiration reaches ${scope}`, doc.at('/Rules'));
  const online = shortest([total, ...archives])!;
  explain.push(
    totals.length
      ? `${totals.length} enabled rule(s) with an Expiration reach ${scope}; the shortest, ${formatDays(total.days)} (${total.setting}), is the retention`
      : `no enabled rule with an Expiration reaches ${scope}: objects are kept until someone deletes them`,
  );
  if (online !== total) explain.push(`objects move to archive storage after ${formatDays(online.days)} (${online.setting}): the online retention`);
  if (noncurrentDays !== undefined) explain.push(`noncurrent versions are deleted ${noncurrentDays} days after they stop being current`);
  return { total, online, explain, noncurrentDays };
}

interface LockResult {
  readonly mode: string | undefined;
  readonly lock: Retention | undefined;
  readonly source: FactSource;
}

function readObjectLock(answer: Exclude<Answer, Missing>['value']): LockResult {
  if ('none' in answer) return { mode: undefined, lock: undefined, source: answer.none };
  const { doc } = answer;
  const c = pick(doc.value, '/ObjectLockConfiguration');
  if (c !== undefined && !isRecord(c))
    return inputError(doc.at('/ObjectLockConfiguration'), 'ObjectLockConfiguration is not an object', 'the output of get-object-lock-configuration');
  if (c?.ObjectLockEnabled !== 'Enabled') return { mode: undefined, lock: undefined, source: doc.at('/ObjectLockConfiguration') };
  const dr = pick(c, '/Rule/DefaultRetention');
  if (!isRecord(dr)) return { mode: 'none', lock: undefined, source: doc.at('/ObjectLockConfiguration/ObjectLockEnabled') };
  const base = '/ObjectLockConfiguration/Rule/DefaultRetention';
  const mode = str(dr.Mode);
  const lock =
    num(dr.Days) !== undefined
      ? fromDays(num(dr.Days)!, `Object Lock default retention (${mode})`, doc.at(`${base}/Days`))
      : num(dr.Years) !== undefined
        ? fromYears(num(dr.Years)!, `Object Lock default retention (${mode})`, doc.at(`${base}/Years`))
        : undefined;
  return { mode, lock, source: doc.at(`${base}/Mode`) };
}

function immutability(lockAnswer: Answer, total: Outcome<Retention>): Outcome<Setting<boolean>> {
  if (!lockAnswer.ok) return lockAnswer;
  const { mode, lock, source } = readObjectLock(lockAnswer.value);
  if (mode === undefined) return ok(setting(false, 'Object Lock is not enabled on the bucket: any principal with s3:DeleteObject can delete records', source));
  if (mode === 'none' || !lock)
    return ok(setting(false, 'Object Lock is enabled without a default retention: objects are locked only when each upload asks for it', source));
  if (mode !== 'COMPLIANCE') {
    return ok(setting(false, `Object Lock in ${mode} mode: principals with s3:BypassGovernanceRetention can delete locked versions`, source, ...lock.sources));
  }
  if (!total.ok)
    return missing(
      total.reason,
      `Object Lock COMPLIANCE ${formatDays(lock.days)}; whether it covers the retention is unknown: ${total.detail}`,
      total.permission,
    );
  const t = total.value;
  if (t.days === FOREVER) {
    // Kept forever, locked for a while: after the lock, anyone with s3:DeleteObject can delete.
    // AR-RET-101 compares the lock itself with the retention minimum.
    return ok(
      setting(
        false,
        `Object Lock COMPLIANCE ${formatDays(lock.days)}, but objects are kept forever: after ${formatDays(lock.days)} they can be deleted before their retention ends`,
        source,
        ...lock.sources,
        ...t.sources,
      ),
    );
  }
  if (lock.days >= t.days) {
    return ok(
      setting(true, `Object Lock COMPLIANCE ${formatDays(lock.days)} covers the retention of ${formatDays(t.days)}`, source, ...lock.sources, ...t.sources),
    );
  }
  return ok(
    setting(
      false,
      `Object Lock COMPLIANCE ${formatDays(lock.days)} is shorter than the retention of ${formatDays(t.days)}: records can be deleted before it ends`,
      source,
      ...lock.sources,
      ...t.sources,
    ),
  );
}

function backup(input: S3Input): { outcome: Outcome<Setting<boolean>>; evidence: Record<string, unknown> } {
  const v = input.answers.versioning;
  const r = input.answers.replication;
  let versioning: Setting<string> | undefined;
  let mfaDelete: string | undefined;
  if (v.ok) {
    if ('none' in v.value) versioning = setting('never enabled', undefined, v.value.none);
    else {
      const status = pick(v.value.doc.value, '/Status');
      mfaDelete = str(pick(v.value.doc.value, '/MFADelete'));
      versioning = setting(
        str(status) ?? 'never enabled',
        undefined,
        status === undefined ? v.value.doc.absent('/Status', 'versioning never enabled') : v.value.doc.at('/Status'),
      );
    }
  }
  let replicas: Setting<string[]> | undefined;
  if (r.ok) {
    if ('none' in r.value) replicas = setting([], undefined, r.value.none);
    else {
      const { doc } = r.value;
      const rules = pick(doc.value, '/ReplicationConfiguration/Rules');
      const list = Array.isArray(rules) ? rules : [];
      const enabled = list.map((x, i) => ({ x, i })).filter(({ x }) => isRecord(x) && x.Status === 'Enabled' && reach(x, input.prefix) !== 'none');
      replicas = setting(
        enabled.map(({ x }) => String(pick(x, '/Destination/Bucket') ?? '(no destination)')),
        undefined,
        ...(enabled.length ? enabled.map(({ i }) => doc.at(`/ReplicationConfiguration/Rules/${i}`)) : [doc.at('/ReplicationConfiguration')]),
      );
    }
  }
  const evidence = {
    versioning: versioning?.value ?? (v.ok ? undefined : `unknown: ${v.detail}`),
    ...(mfaDelete ? { mfa_delete: mfaDelete } : {}),
    replication: replicas ? replicas.value : r.ok ? undefined : `unknown: ${r.detail}`,
  };
  const versioned = versioning?.value === 'Enabled';
  const replicated = (replicas?.value.length ?? 0) > 0;
  if (versioned || replicated) {
    const why = [
      versioned ? `versioning Enabled (prior versions are kept${mfaDelete === 'Enabled' ? '; deleting them needs MFA' : ''})` : '',
      replicated ? `replicated to ${replicas!.value.join(', ')}` : '',
    ]
      .filter(Boolean)
      .join('; ');
    return { outcome: ok(setting(true, why, ...(versioned ? versioning!.sources : []), ...(replicated ? replicas!.sources : []))), evidence };
  }
  if (!v.ok) return { outcome: v, evidence };
  if (!r.ok) return { outcome: r, evidence };
  return {
    outcome: ok(
      setting(
        false,
        `versioning ${versioning!.value} and no enabled replication rule: a deleted or overwritten object is gone`,
        ...versioning!.sources,
        ...replicas!.sources,
      ),
    ),
    evidence,
  };
}

function anonymity(input: S3Input): Outcome<Setting<boolean>> {
  const pab = input.answers.publicAccessBlock;
  let block: Record<string, unknown> = {};
  const sources: FactSource[] = [];
  if (pab.ok) {
    const a = pab.value;
    if ('none' in a) sources.push(a.none);
    else {
      const c = pick(a.doc.value, '/PublicAccessBlockConfiguration');
      if (isRecord(c)) block = c;
      sources.push(a.doc.at('/PublicAccessBlockConfiguration'));
    }
  }
  const keys = ['BlockPublicAcls', 'IgnorePublicAcls', 'BlockPublicPolicy', 'RestrictPublicBuckets'];
  if (keys.every((k) => block[k] === true)) {
    return ok(setting(false, 'Block Public Access is on (all four settings): no ACL or bucket policy can grant anonymous access', ...sources));
  }
  // Without a full block, the policy status and the ACL decide (account-level blocks are not read).
  const ps = input.answers.policyStatus;
  let policyPublic: boolean | undefined;
  if (ps.ok) {
    if ('none' in ps.value) {
      policyPublic = false;
      sources.push(ps.value.none);
    } else {
      const p = pick(ps.value.doc.value, '/PolicyStatus/IsPublic');
      if (typeof p !== 'boolean')
        return inputError(ps.value.doc.at('/PolicyStatus'), 'PolicyStatus.IsPublic is not true or false', 'the output of get-bucket-policy-status');
      policyPublic = p && block.RestrictPublicBuckets !== true;
      sources.push(ps.value.doc.at('/PolicyStatus/IsPublic'));
    }
  }
  const acl = input.answers.acl;
  let aclPublic: boolean | undefined;
  if (acl.ok && !('none' in acl.value)) {
    const grants = pick(acl.value.doc.value, '/Grants');
    const list = Array.isArray(grants) ? grants : [];
    const publicGrant = list.findIndex((g) => PUBLIC_GROUPS.includes(String(pick(g, '/Grantee/URI'))));
    aclPublic = publicGrant >= 0 && block.IgnorePublicAcls !== true;
    sources.push(acl.value.doc.at(publicGrant >= 0 ? `/Grants/${publicGrant}` : '/Grants'));
  } else if (acl.ok) aclPublic = false;
  if (policyPublic === true || aclPublic === true) {
    return ok(
      setting(
        true,
        policyPublic ? 'the bucket policy is public (PolicyStatus.IsPublic)' : 'the ACL grants access to AllUsers or AuthenticatedUsers',
        ...sources,
      ),
    );
  }
  const unread = !ps.ok ? ps : !acl.ok ? acl : undefined;
  if (unread) return missing(unread.reason, `Block Public Access is not fully on; ${unread.detail}`, unread.permission);
  return ok(setting(false, 'neither the bucket policy nor the ACL is public (account-level Block Public Access is not read)', ...sources));
}

function accessLog(answer: Answer): AccessLog {
  if (!answer.ok) return { enabled: answer };
  if ('none' in answer.value) return { enabled: ok(setting(false, 'server access logging is off', answer.value.none)) };
  const { doc } = answer.value;
  const le = pick(doc.value, '/LoggingEnabled');
  if (!isRecord(le)) {
    const at = le === undefined ? doc.absent('/LoggingEnabled', 'server access logging off') : doc.at('/LoggingEnabled');
    return { enabled: ok(setting(false, 'server access logging is off', at)) };
  }
  const destination = `s3://${String(le.TargetBucket ?? '?')}/${String(le.TargetPrefix ?? '')}`;
  return {
    enabled: ok(setting(true, `server access logging to ${destination}`, doc.at('/LoggingEnabled'))),
    // Documented server access log format: Requester, Operation, Time, Key, Remote IP, HTTP status.
    fields: setting(
      { actor: true, action: true, time: true, target: true, source_ip: true, result: true },
      undefined,
      documented('Amazon S3', 'server access log records carry Requester, Operation, Time, Bucket and Key, Remote IP, HTTP status and Error Code'),
    ),
    destination,
  };
}

/** The bucket as a resource, for AR-RET-101: its default Object Lock mode and period. */
function bucketResource(input: S3Input): Resource {
  const a = input.answers.objectLock;
  const gaps: Gap[] = [];
  let facts: Record<string, string | number | null>;
  if (!a.ok) {
    facts = { object_lock_mode: null, object_lock_days: null };
    for (const fact of ['object_lock_mode', 'object_lock_days'])
      gaps.push({ fact, reason: a.reason, detail: a.detail, ...(a.permission ? { permission: a.permission } : {}) });
  } else {
    const { mode, lock } = readObjectLock(a.value);
    facts =
      mode === undefined || mode === 'none' || !lock
        ? { object_lock_mode: 'none', object_lock_days: 0 }
        : { object_lock_mode: mode, object_lock_days: lock.days };
  }
  return { id: `bucket:${input.bucket}`, kind: 'bucket', name: input.bucket, facts, gaps };
}

export function readS3(input: S3Input): StoreReading {
  const label = `S3 bucket ${input.bucket}`;
  const lc = input.answers.lifecycle;
  const life = lc.ok ? readLifecycle(lc.value, input.prefix, input.now) : undefined;
  const total: Outcome<Retention> = life ? ok(life.total) : (lc as Missing);
  const online: Outcome<Retention> = life ? ok(life.online) : (lc as Missing);
  const immutable = immutability(input.answers.objectLock, total);
  const b = backup(input);
  const anonymous = anonymity(input);
  const lock = input.answers.objectLock.ok ? readObjectLock(input.answers.objectLock.value) : undefined;
  const iam = input.hosting === 'saas' ? 'AWS IAM' : "the S3-compatible server's identity configuration";
  return {
    label,
    hosting: input.hosting,
    retention: total,
    online,
    immutable,
    backup: b.outcome,
    anonymous,
    readRestricted: readRestriction(
      anonymous,
      'anonymous clients can read the bucket',
      `who can read the bucket is decided by ${iam} identity policies, the bucket policy and ACLs, which auditready does not evaluate`,
    ),
    accessLog: accessLog(input.answers.logging),
    identity: missing('not_collected', `S3 has no accounts of its own: sign-in, SSO and MFA are ${iam}'s, not read by the s3 collector`),
    access: missing('not_collected', `who may read and write is decided by ${iam} policies, the bucket policy and ACLs, which auditready does not evaluate`),
    timestampZone: missing('not_applicable', 'S3 stores objects as the shipper wrote them; the zone of their timestamps is judged on each tool (AR-TIM-003)'),
    explain: life?.explain ?? [],
    warnings: [],
    details: {
      bucket: input.bucket,
      ...(input.prefix ? { prefix: input.prefix } : {}),
      object_lock: lock
        ? {
            mode: lock.mode === undefined ? 'not enabled' : lock.mode === 'none' ? 'enabled, no default retention' : lock.mode,
            ...(lock.lock ? { default_retention: retentionEvidence(lock.lock) } : {}),
          }
        : `unknown: ${(input.answers.objectLock as Missing).detail}`,
      ...b.evidence,
      ...(life?.noncurrentDays !== undefined ? { noncurrent_version_expiration_days: life.noncurrentDays } : {}),
    },
    resources: [bucketResource(input)],
  };
}

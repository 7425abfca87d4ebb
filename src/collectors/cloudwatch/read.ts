/**
 * CloudWatch Logs log groups → a StoreReading. The same JSON comes from `DescribeLogGroups`
 * (live, @aws-sdk/client-cloudwatch-logs) and from `aws logs describe-log-groups` (files mode):
 * `logGroups[]{logGroupName, retentionInDays?, kmsKeyId?, deletionProtectionEnabled?, logGroupClass?}`.
 *
 *  - Retention: `retentionInDays`; **absent means the events never expire** (there is no 0 or null).
 *    Several log groups: the shortest wins. Logs Insights queries any retained event, so online =
 *    total.
 *  - Immutable: events cannot be edited, but DeleteLogGroup deletes them all unless
 *    `deletionProtectionEnabled`, and logs:PutRetentionPolicy or DeleteLogStream can still remove
 *    records early; only IAM or an SCP denying those would make them immutable, which this API does
 *    not show. So: no deletion protection = not immutable; protection = unknown (a gap saying why).
 *  - Anonymous: every call needs SigV4-signed IAM credentials; a resource policy (logs:
 *    DescribeResourcePolicies) allowing Principal "*" without a condition opens it.
 */
import { inputError } from '../log-store/errors.js';
import { isRecord, type Located, pick, within } from '../log-store/located.js';
import { documented, type Missing, missing, ok, type Outcome, readRestriction, type Setting, type StoreReading, setting } from '../log-store/reading.js';
import { type FactSource, formatDays, keptForever, fromDays, type Retention, retentionEvidence, shortest } from '../log-store/retention.js';

/** One log group as the API (or the CLI) gives it, and where it was read. */
export interface LogGroup {
  readonly name: string;
  readonly doc: Located;
}

export interface CloudWatchInput {
  /** The selected log groups, or why they could not be listed. */
  readonly groups: Outcome<readonly LogGroup[]>;
  /** The account's resource policies (logs:DescribeResourcePolicies), or why not read. */
  readonly policies: Outcome<Located>;
  /** What was asked for: "log groups audit-*" or "log group /aws/eks/prod/audit". */
  readonly selection: string;
  readonly region: string;
}

export const DESCRIBE_LOG_GROUPS = 'logs:DescribeLogGroups';
export const DESCRIBE_RESOURCE_POLICIES = 'logs:DescribeResourcePolicies';
const EXPECTED_GROUP = 'a log group from DescribeLogGroups ({logGroupName, retentionInDays?, ...})';

function groupRetention(g: LogGroup): Retention {
  const v = pick(g.doc.value, '/retentionInDays');
  if (v === undefined || v === null) {
    return keptForever(
      `log group ${g.name} retentionInDays`,
      'absent: the log events never expire',
      g.doc.absent('/retentionInDays', 'never expire (CloudWatch Logs omits retentionInDays when no retention policy is set)'),
    );
  }
  if (typeof v !== 'number' || !Number.isInteger(v) || v <= 0) {
    return inputError(
      g.doc.at('/retentionInDays'),
      `retentionInDays of ${g.name} is ${JSON.stringify(v)}`,
      'a positive number of days (1, 3, 5, ... 3653), or no retentionInDays',
    );
  }
  return fromDays(v, `log group ${g.name} retentionInDays`, g.doc.at('/retentionInDays'));
}

function protection(groups: readonly LogGroup[]): Outcome<Setting<boolean>> {
  const unprotected = groups.filter((g) => pick(g.doc.value, '/deletionProtectionEnabled') !== true);
  if (unprotected.length > 0) {
    const sources = unprotected.map((g) =>
      pick(g.doc.value, '/deletionProtectionEnabled') === undefined
        ? g.doc.absent('/deletionProtectionEnabled', 'false (no deletion protection)')
        : g.doc.at('/deletionProtectionEnabled'),
    );
    return ok(setting(false, `no deletion protection on ${unprotected.map((g) => g.name).join(', ')}: DeleteLogGroup deletes every event in it`, ...sources));
  }
  return missing(
    'not_collected',
    'deletion protection is on for every log group, but logs:PutRetentionPolicy and logs:DeleteLogStream can still remove events early; whether IAM or an SCP denies them is not visible in the CloudWatch Logs API',
  );
}

/** Statements granting any principal without a condition, in the account's resource policies. */
function openPolicies(doc: Located): { names: string[]; sources: FactSource[] } {
  const list = pick(doc.value, '/resourcePolicies');
  if (!Array.isArray(list)) return inputError(doc.at(''), 'no resourcePolicies list', 'the output of aws logs describe-resource-policies');
  const names: string[] = [];
  const sources: FactSource[] = [];
  list.forEach((p, i) => {
    const text = pick(p, '/policyDocument');
    let policy: unknown;
    try {
      policy = typeof text === 'string' ? JSON.parse(text) : text;
    } catch {
      inputError(doc.at(`/resourcePolicies/${i}/policyDocument`), 'policyDocument is not JSON', 'an IAM policy document');
    }
    const statements = pick(policy, '/Statement');
    for (const s of Array.isArray(statements) ? statements : isRecord(statements) ? [statements] : []) {
      if (!isRecord(s) || s.Effect !== 'Allow' || s.Condition !== undefined) continue;
      const principal = s.Principal;
      const anyone = principal === '*' || (isRecord(principal) && (principal.AWS === '*' || (Array.isArray(principal.AWS) && principal.AWS.includes('*'))));
      if (anyone) {
        names.push(String(pick(p, '/policyName') ?? `#${i + 1}`));
        sources.push(doc.at(`/resourcePolicies/${i}`));
      }
    }
  });
  return { names, sources };
}

export function readCloudWatch(input: CloudWatchInput): StoreReading {
  const label = `CloudWatch Logs (${input.selection})`;
  const g = input.groups;
  let total: Outcome<Retention>;
  let immutable: Outcome<Setting<boolean>>;
  const explain: string[] = [];
  const perGroup: Record<string, unknown>[] = [];
  if (!g.ok) {
    total = g;
    immutable = g;
  } else {
    const retentions = g.value.map(groupRetention);
    const decided = shortest(retentions);
    if (!decided) return inputError({ endpoint: input.selection }, `no log group matches ${input.selection}`, 'options naming existing log groups');
    total = ok(decided);
    immutable = protection(g.value);
    explain.push(
      g.value.length > 1
        ? `${g.value.length} log groups; the shortest retention, ${formatDays(decided.days)} (${decided.setting}), is the fact`
        : `one log group; ${formatDays(decided.days)}`,
    );
    g.value.forEach((grp, i) => {
      const v = grp.doc.value as Record<string, unknown>;
      perGroup.push({
        name: grp.name,
        retention: retentionEvidence(retentions[i]!),
        deletion_protection: v.deletionProtectionEnabled === true,
        kms_key: typeof v.kmsKeyId === 'string' ? v.kmsKeyId : 'none (CloudWatch Logs service-managed encryption)',
        ...(typeof v.logGroupClass === 'string' ? { class: v.logGroupClass } : {}),
        ...(typeof v.dataProtectionStatus === 'string' ? { data_protection: v.dataProtectionStatus } : {}),
      });
    });
  }
  let anonymous: Outcome<Setting<boolean>>;
  if (!input.policies.ok) {
    anonymous = missing(
      input.policies.reason,
      `every CloudWatch Logs call needs IAM credentials, but the resource policies that could grant any principal were not read: ${input.policies.detail}`,
      input.policies.permission,
    );
  } else {
    const open = openPolicies(input.policies.value);
    anonymous = open.names.length
      ? ok(setting(true, `resource policy ${open.names.join(', ')} allows Principal "*" without a condition`, ...open.sources))
      : ok(
          setting(
            false,
            'every call needs SigV4-signed IAM credentials and no resource policy allows Principal "*" without a condition',
            input.policies.value.at('/resourcePolicies'),
            documented('CloudWatch Logs', 'every API request is signed with IAM credentials (SigV4)'),
          ),
        );
  }
  const iam: Missing = missing(
    'not_collected',
    "CloudWatch Logs has no accounts of its own: identities, SSO and MFA are AWS IAM's, not read by the cloudwatch collector",
  );
  return {
    label,
    hosting: 'saas',
    retention: total,
    online: total.ok
      ? ok({ ...total.value, note: `${total.value.note ? `${total.value.note}; ` : ''}Logs Insights and GetLogEvents reach every retained event` })
      : total,
    immutable,
    backup: missing(
      'not_collected',
      "a second copy needs a subscription filter or an export to S3 (logs:DescribeSubscriptionFilters, logs:DescribeExportTasks), not read; CloudWatch Logs' own redundancy is not a customer copy",
    ),
    anonymous,
    readRestricted: readRestriction(
      anonymous,
      'a resource policy lets any principal in',
      'who can read the log groups is decided by IAM identity policies (logs:GetLogEvents, logs:StartQuery, logs:FilterLogEvents), which auditready does not evaluate',
    ),
    accessLog: {
      enabled: missing(
        'not_collected',
        'who read the log groups is recorded by CloudTrail (a trail with CloudWatch Logs events), not read by the cloudwatch collector',
      ),
    },
    identity: iam,
    access: missing('not_collected', 'who may read and write is decided by IAM policies, which auditready does not evaluate'),
    timestampZone: ok(setting('UTC', undefined, documented('CloudWatch Logs', 'event timestamps are milliseconds since the Unix epoch (UTC)'))),
    explain,
    warnings: [],
    details: { region: input.region, log_groups: perGroup },
  };
}

/** The log groups of a describe-log-groups answer (files or live pages) that the selection names. */
export function selectGroups(doc: Located, wanted: { names?: readonly string[]; prefix?: string }): LogGroup[] {
  const list = pick(doc.value, '/logGroups');
  if (!Array.isArray(list)) return inputError(doc.at(''), 'no logGroups list', 'the output of aws logs describe-log-groups');
  const out: LogGroup[] = [];
  list.forEach((_, i) => {
    const g = within(doc, `/logGroups/${i}`);
    const name = pick(g.value, '/logGroupName');
    if (typeof name !== 'string') inputError(doc.at(`/logGroups/${i}`), `logGroups[${i}] has no logGroupName`, EXPECTED_GROUP);
    const wantedName = wanted.names ? wanted.names.includes(name) : true;
    const wantedPrefix = wanted.prefix !== undefined ? name.startsWith(wanted.prefix) : true;
    if (wantedName && wantedPrefix) out.push({ name, doc: g });
  });
  return out;
}

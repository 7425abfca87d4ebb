/**
 * Files mode: what `aws s3api <command> --bucket BUCKET` prints, one output per file, recognized by
 * content. A configuration that does not exist makes the CLI print an error instead
 * ("An error occurred (NoSuchLifecycleConfiguration) when calling the
 * GetBucketLifecycleConfiguration operation: ..."): saved to a file (`2>&1`), that line is the
 * answer "none", as in live mode. The line is text, not YAML (an AccessDenied message reads
 * "...operation: User: arn:aws:iam::...: is not authorized to perform: ..."), so it is a text kind. Commands that print nothing when a setting is off (versioning
 * never enabled, logging off) are exported with --query so they always print an object.
 */
import { isRecord, type Located } from '../log-store/located.js';
import { missing, ok } from '../log-store/reading.js';
import { type Answer, type S3Call, S3_CALLS } from './read.js';

const CLI_ERROR = /^An error occurred \(([A-Za-z0-9.]+)\) when calling the ([A-Za-z0-9]+) operation(?:\s*\(reached max retries: \d+\))?: (.*)$/;

const only = (v: unknown, keys: readonly string[]): boolean => isRecord(v) && Object.keys(v).length > 0 && Object.keys(v).every((k) => keys.includes(k));

/** Each S3 document kind and how its content is recognized. */
export const S3_KINDS = {
  lifecycle: {
    describe: 'the output of aws s3api get-bucket-lifecycle-configuration',
    match: (v: unknown) => isRecord(v) && Array.isArray(v.Rules) && only(v, ['Rules', 'TransitionDefaultMinimumObjectSize']),
  },
  objectLock: { describe: 'the output of aws s3api get-object-lock-configuration', match: (v: unknown) => only(v, ['ObjectLockConfiguration']) },
  versioning: {
    describe: "the output of aws s3api get-bucket-versioning --query '{Status: Status, MFADelete: MFADelete}'",
    match: (v: unknown) => only(v, ['Status', 'MFADelete']),
  },
  replication: { describe: 'the output of aws s3api get-bucket-replication', match: (v: unknown) => only(v, ['ReplicationConfiguration']) },
  publicAccessBlock: { describe: 'the output of aws s3api get-public-access-block', match: (v: unknown) => only(v, ['PublicAccessBlockConfiguration']) },
  policyStatus: { describe: 'the output of aws s3api get-bucket-policy-status', match: (v: unknown) => only(v, ['PolicyStatus']) },
  acl: { describe: 'the output of aws s3api get-bucket-acl', match: (v: unknown) => isRecord(v) && Array.isArray(v.Grants) && only(v, ['Owner', 'Grants']) },
  logging: {
    describe: "the output of aws s3api get-bucket-logging --query '{LoggingEnabled: LoggingEnabled}'",
    match: (v: unknown) => only(v, ['LoggingEnabled']),
  },
  cliError: { describe: 'an AWS CLI error line for one of those commands', text: (t: string) => cliError(t) !== undefined },
} as const;

export type S3Kind = keyof typeof S3_KINDS;

/** The call, error code and message of an AWS CLI error line: the whole text of its file, one line. */
function cliError(text: unknown): { call: S3Call; code: string; message: string } | undefined {
  if (typeof text !== 'string') return undefined;
  const line = text.trim();
  const m = line.includes('\n') ? null : CLI_ERROR.exec(line);
  if (!m) return undefined;
  const call = (Object.keys(S3_CALLS) as S3Call[]).find((c) => S3_CALLS[c].api === m[2]);
  return call ? { call, code: m[1]!, message: m[3]!.trim() } : undefined;
}

/** The answers read from files; a command whose output is not among them is not collected. */
export function answersFromFiles(bucket: string, docs: { readonly [k in S3Kind]?: readonly Located[] }): { [k in S3Call]: Answer } {
  const answers = {} as { [k in S3Call]: Answer };
  for (const call of Object.keys(S3_CALLS) as S3Call[]) {
    const spec = S3_CALLS[call];
    const doc = docs[call]?.[0];
    const err = (docs.cliError ?? []).map((d) => ({ d, e: cliError(d.value)! })).find((x) => x.e.call === call);
    if (doc) answers[call] = ok({ doc });
    else if (err && spec.notFound === err.e.code)
      answers[call] = ok({
        none: { ...(err.d.within?.('', 'An error occurred') ?? err.d.at('')), default: `${err.e.code}: ${err.e.message}` },
        code: err.e.code,
      });
    else if (err && err.e.code === 'AccessDenied')
      answers[call] = missing('permission_missing', `${spec.api} was refused when the files were exported (AccessDenied)`, spec.action);
    else if (err) answers[call] = missing('error', `${spec.api} failed when the files were exported: ${err.e.code}: ${err.e.message}`);
    else answers[call] = missing('not_collected', `no output of aws s3api ${spec.cli} --bucket ${bucket} among the files`);
  }
  return answers;
}

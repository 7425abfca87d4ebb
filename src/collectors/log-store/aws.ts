/**
 * What the S3 and CloudWatch Logs clients share: region, endpoint, credentials, timeouts and
 * retries. Credentials come from the environment the run was given (AWS_ACCESS_KEY_ID,
 * AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN), else the SDK's standard chain (AWS_PROFILE or
 * options.profile, SSO, web identity, instance and container roles).
 */
import type { AnswerLog, FailedRequest } from '../kit/answers.js';

export interface AwsConnection {
  readonly region: string;
  /** An S3-compatible server or a VPC endpoint; undefined = AWS's endpoint for the region. */
  readonly endpoint: string | undefined;
  readonly credentials?: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
  readonly profile?: string;
  readonly timeoutMs: number;
  readonly retries: number;
  readonly signal: AbortSignal;
  /** Where each call's outcome goes (the kit's ctx.answers: no call answered is an unreadable tool). */
  readonly answers?: AnswerLog;
}

/** The client settings both SDK clients take. */
export function awsClientConfig(c: AwsConnection) {
  // The SDK warns on stderr, once per process, that releases after January 2027 need Node 22; the
  // pinned clients support Node 20, and a warning in the middle of a report is noise.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  return {
    region: c.region,
    maxAttempts: c.retries + 1,
    // Without throwOnRequestTimeout the handler only logs a warning and keeps waiting.
    requestHandler: { requestTimeout: c.timeoutMs, connectionTimeout: Math.min(c.timeoutMs, 10_000), throwOnRequestTimeout: true },
    ...(c.endpoint ? { endpoint: c.endpoint } : {}),
    ...(c.credentials ? { credentials: c.credentials } : {}),
    ...(c.profile ? { profile: c.profile } : {}),
  };
}

/** The error code and HTTP status of an SDK error. */
export function sdkError(e: unknown): { code: string; status: number | undefined; message: string } {
  const err = e as { name?: string; Code?: string; message?: string; $metadata?: { httpStatusCode?: number } };
  // the SDK's first line: what follows is advice about its own objects ("inspect the hidden field
  // {error}.$response"), and a collection error is one line
  const message = (err.message ?? '').split('\n', 1)[0]!.trim();
  return { code: err.name ?? err.Code ?? 'Error', status: err.$metadata?.httpStatusCode, message };
}

/** An SDK call that failed, as the answer log's entry: "AccessDenied (HTTP 403)", the error as cause. */
export function sdkFailure(endpoint: string, e: unknown): FailedRequest {
  const { code, status } = sdkError(e);
  return { endpoint, ...(status ? { status } : {}), problem: `${code}${status ? ` (HTTP ${status})` : ''}`, cause: e };
}

/** The marker endpoint of live mode without `endpoint:`: AWS's own endpoint for the region. */
export const AWS_DEFAULT = { s3: 'https://s3.amazonaws.com', logs: 'https://logs.amazonaws.com' } as const;

/** Region from the options or the standard variables; undefined when none is set. */
export function regionFrom(option: string | undefined, env: Readonly<Record<string, string | undefined>>): string | undefined {
  return option ?? env.AWS_REGION ?? env.AWS_DEFAULT_REGION;
}

/** The AWS secrets in the environment, to redact wherever they might appear. */
export function awsSecrets(env: Readonly<Record<string, string | undefined>>): string[] {
  return [env.AWS_SECRET_ACCESS_KEY, env.AWS_SESSION_TOKEN].filter((v): v is string => typeof v === 'string' && v.length > 0);
}

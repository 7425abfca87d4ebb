/**
 * Live mode: the S3 API through @aws-sdk/client-s3 (credentials from the standard chain: the
 * AWS_* environment variables, a profile, SSO, instance roles; or an S3-compatible server at
 * `endpoint:`). One call per configuration; each answer becomes the same Answer the files mode
 * makes from the AWS CLI's JSON. A call refused (AccessDenied) makes its facts unknown with the
 * IAM action named; a configuration that does not exist is the API's own answer ("none").
 */
import {
  GetBucketAclCommand,
  GetBucketLifecycleConfigurationCommand,
  GetBucketLoggingCommand,
  GetBucketPolicyStatusCommand,
  GetBucketReplicationCommand,
  GetBucketVersioningCommand,
  GetObjectLockConfigurationCommand,
  GetPublicAccessBlockCommand,
  S3Client,
  type S3ClientConfig,
} from '@aws-sdk/client-s3';
import { type AwsConnection, awsClientConfig, sdkError, sdkFailure } from '../log-store/aws.js';
import { storeInputError } from '../log-store/errors.js';
import { locatedAnswer } from '../log-store/located.js';
import { missing, ok } from '../log-store/reading.js';
import { type Answer, type S3Call, S3_CALLS } from './read.js';

export interface S3Connection extends AwsConnection {
  readonly bucket: string;
  /** Path-style URLs (http://host/bucket), what most S3-compatible servers need. */
  readonly forcePathStyle: boolean;
}

/** The S3 client for a connection: the SDK's own retries, our timeouts. */
function s3Client(c: S3Connection): S3Client {
  const config: S3ClientConfig = { ...awsClientConfig(c), ...(c.endpoint ? { forcePathStyle: c.forcePathStyle } : {}) };
  return new S3Client(config);
}

type Command =
  | GetBucketLifecycleConfigurationCommand
  | GetObjectLockConfigurationCommand
  | GetBucketVersioningCommand
  | GetBucketReplicationCommand
  | GetPublicAccessBlockCommand
  | GetBucketPolicyStatusCommand
  | GetBucketAclCommand
  | GetBucketLoggingCommand;

const COMMANDS: { readonly [k in S3Call]: (bucket: string) => Command } = {
  lifecycle: (Bucket) => new GetBucketLifecycleConfigurationCommand({ Bucket }),
  objectLock: (Bucket) => new GetObjectLockConfigurationCommand({ Bucket }),
  versioning: (Bucket) => new GetBucketVersioningCommand({ Bucket }),
  replication: (Bucket) => new GetBucketReplicationCommand({ Bucket }),
  publicAccessBlock: (Bucket) => new GetPublicAccessBlockCommand({ Bucket }),
  policyStatus: (Bucket) => new GetBucketPolicyStatusCommand({ Bucket }),
  acl: (Bucket) => new GetBucketAclCommand({ Bucket }),
  logging: (Bucket) => new GetBucketLoggingCommand({ Bucket }),
};

/** Errors that mean the credentials, not one permission, are wrong: nothing can be read. */
const CREDENTIAL_ERRORS = new Set([
  'InvalidAccessKeyId',
  'SignatureDoesNotMatch',
  'ExpiredToken',
  'InvalidToken',
  'TokenRefreshRequired',
  'CredentialsProviderError',
]);

export interface S3Read {
  readonly answers: { [k in S3Call]: Answer };
  /** What each call returned (without the SDK's $metadata), or its error, for the raw capture. */
  readonly capture: Record<string, unknown>;
  readonly location: string;
}

/** Read every configuration of the bucket. Throws StoreInputError when nothing can be read. */
export async function readS3Api(c: S3Connection, client: S3Client = s3Client(c)): Promise<S3Read> {
  const location = c.endpoint ? `${c.endpoint.replace(/\/+$/, '')}/${c.bucket}` : `s3://${c.bucket} (AWS, ${c.region})`;
  const answers = {} as { [k in S3Call]: Answer };
  const capture: Record<string, unknown> = {};
  // Versioning first: every identity that can see the bucket can usually ask it, so a failure here
  // is about the bucket, the endpoint or the credentials, and nothing else would be readable.
  const order: S3Call[] = ['versioning', 'lifecycle', 'objectLock', 'replication', 'publicAccessBlock', 'policyStatus', 'acl', 'logging'];
  for (const call of order) {
    const spec = S3_CALLS[call];
    const endpoint = `${spec.api} ${location}`;
    try {
      const out = (await client.send(COMMANDS[call](c.bucket) as never, { abortSignal: c.signal })) as unknown as Record<string, unknown>;
      const { $metadata: _, ...body } = out;
      // Dates become ISO strings, as the AWS CLI prints them: both modes then read the same JSON.
      const json = JSON.parse(JSON.stringify(body)) as unknown;
      capture[spec.api] = json;
      c.answers?.answer();
      answers[call] = ok({ doc: locatedAnswer(json, endpoint) });
    } catch (e) {
      const { code, status, message } = sdkError(e);
      capture[spec.api] = { error: code, ...(status ? { status } : {}) };
      if (c.signal.aborted) throw e;
      const notFound = spec.notFound !== undefined && code === spec.notFound;
      // the bucket has no such configuration: an answer; any other error is not
      if (notFound) c.answers?.answer();
      else c.answers?.fail(sdkFailure(endpoint, e));
      if (notFound) {
        answers[call] = ok({ none: { endpoint, default: `${code}: the bucket has no such configuration` }, code });
      } else if (code === 'NoSuchBucket') {
        throw storeInputError({ endpoint, status }, `bucket ${c.bucket} does not exist (NoSuchBucket)`, 'options.bucket naming an existing bucket', e);
      } else if (CREDENTIAL_ERRORS.has(code)) {
        throw storeInputError(
          { endpoint, status },
          code === 'CredentialsProviderError' ? `no AWS credentials were found (${message})` : `the credentials were refused (${code})`,
          'AWS credentials from the environment (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_PROFILE) or options.profile',
          e,
        );
      } else if (code === 'AccessDenied' || status === 403) {
        answers[call] = missing('permission_missing', `${spec.api} was refused (${code})`, spec.action);
      } else if (code === 'NotImplemented' || status === 501) {
        answers[call] = missing('not_supported', `the server does not implement ${spec.api} (${code})`);
      } else if (call === 'versioning') {
        throw storeInputError(
          { endpoint, status },
          `${spec.api} failed: ${code}${status ? ` (HTTP ${status})` : ''}: ${message}`.trim(),
          'an S3 API that answers for the bucket',
          e,
        );
      } else {
        answers[call] = missing('error', `${spec.api} failed: ${code}${status ? ` (HTTP ${status})` : ''}`);
      }
    }
  }
  return { answers, capture, location };
}

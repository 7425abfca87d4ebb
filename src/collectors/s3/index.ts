/**
 * S3 buckets (AWS or an S3-compatible server): live through @aws-sdk/client-s3, or from the JSON
 * the AWS CLI prints for the same calls (files mode). Both give the same answers to read.ts.
 */
import type { DocumentSpec } from '../kit/files.js';
import { AWS_DEFAULT, awsSecrets, regionFrom } from '../log-store/aws.js';
import { storeOutput } from '../log-store/collector.js';
import { storeInputError } from '../log-store/errors.js';
import { S3_OPTIONS_SCHEMA, type S3Options } from '../log-store/options.js';
import type { Collector } from '../types.js';
import { answersFromFiles, S3_KINDS, type S3Kind } from './files.js';
import { readS3 } from './read.js';

export const S3_DOCUMENTS: DocumentSpec<S3Kind> = {
  expected:
    'the JSON of aws s3api get-bucket-lifecycle-configuration, get-object-lock-configuration, get-bucket-versioning, get-bucket-replication, get-public-access-block, get-bucket-policy-status, get-bucket-acl or get-bucket-logging (or the CLI error line when a configuration does not exist)',
  kinds: Object.fromEntries(Object.entries(S3_KINDS).map(([k, v]) => [k, { ...v, once: k !== 'cliError' }])) as DocumentSpec<S3Kind>['kinds'],
};

export const s3Collector: Collector<S3Options, S3Kind> = {
  name: 's3',
  types: ['s3'],
  options: S3_OPTIONS_SCHEMA,
  documents: S3_DOCUMENTS,
  files: {
    collect(ctx) {
      const { bucket, prefix = '' } = ctx.options;
      const answers = answersFromFiles(bucket, ctx.documents.byKind);
      const reading = readS3({ bucket, prefix, answers, hosting: 'saas', now: ctx.now() });
      return storeOutput(reading, ctx.facts(), { files: ctx.documents.files });
    },
  },
  live: {
    defaultEndpoint: AWS_DEFAULT.s3,
    token: 'none',
    async collect(ctx) {
      const { bucket, prefix = '' } = ctx.options;
      const env = process.env;
      for (const s of awsSecrets(env)) ctx.secret(s);
      const endpoint = ctx.endpoint === AWS_DEFAULT.s3 ? undefined : ctx.endpoint;
      const region = regionFrom(ctx.options.region, env) ?? (endpoint ? 'us-east-1' : undefined);
      if (!region) throw storeInputError({ endpoint: `s3://${bucket}` }, 'no AWS region', 'options.region, or AWS_REGION in the environment');
      ctx.progress(`${ctx.id}: reading bucket ${bucket} (${endpoint ?? `AWS ${region}`})`);
      // the AWS SDK loads only here, for a live S3 target (scripts/bundle.mjs: a file of its own)
      const { readS3Api } = await import('./api.js');
      const read = await readS3Api({
        bucket,
        region,
        endpoint,
        forcePathStyle: ctx.options.path_style ?? endpoint !== undefined,
        ...(ctx.options.profile ? { profile: ctx.options.profile } : {}),
        timeoutMs: ctx.tuning.timeoutMs,
        retries: ctx.tuning.retries,
        signal: ctx.signal,
        answers: ctx.answers,
      });
      ctx.capture('s3-api.json', read.capture);
      const reading = readS3({ bucket, prefix, answers: read.answers, hosting: endpoint ? 'self-hosted' : 'saas', now: ctx.now() });
      return { ...storeOutput(reading, ctx.facts(), { region }), location: read.location };
    },
  },
};

/**
 * CloudWatch Logs log groups: live through @aws-sdk/client-cloudwatch-logs, or from the JSON of
 * `aws logs describe-log-groups` and `describe-resource-policies` (files mode).
 */
import type { DocumentSpec } from '../kit/files.js';
import { missing, ok } from '../kit/result.js';
import { AWS_DEFAULT, awsSecrets, regionFrom } from '../log-store/aws.js';
import { storeOutput } from '../log-store/collector.js';
import { storeInputError } from '../log-store/errors.js';
import { isRecord } from '../log-store/located.js';
import { type CloudWatchOptions, CLOUDWATCH_OPTIONS_SCHEMA } from '../log-store/options.js';
import type { Collector } from '../types.js';
import { readCloudWatch, selectGroups } from './read.js';

type CwKind = 'logGroups' | 'resourcePolicies';

const CLOUDWATCH_DOCUMENTS: DocumentSpec<CwKind> = {
  expected: 'the JSON of aws logs describe-log-groups ({"logGroups": [...]}) or aws logs describe-resource-policies ({"resourcePolicies": [...]})',
  kinds: {
    logGroups: { describe: 'the output of aws logs describe-log-groups', match: (v) => isRecord(v) && Array.isArray(v.logGroups) },
    resourcePolicies: {
      describe: 'the output of aws logs describe-resource-policies',
      match: (v) => isRecord(v) && Array.isArray(v.resourcePolicies),
      once: true,
    },
  },
  required: ['logGroups'],
};

const selection = (o: CloudWatchOptions) => (o.log_groups ? `log groups ${o.log_groups.join(', ')}` : `log groups ${o.prefix}*`);
const wanted = (o: CloudWatchOptions) => (o.log_groups ? { names: o.log_groups } : { prefix: o.prefix ?? '' });

export const cloudwatchCollector: Collector<CloudWatchOptions, CwKind> = {
  name: 'cloudwatch',
  types: ['cloudwatch'],
  options: CLOUDWATCH_OPTIONS_SCHEMA,
  documents: CLOUDWATCH_DOCUMENTS,
  files: {
    collect(ctx) {
      const groups = ctx.documents.byKind.logGroups.flatMap((d) => selectGroups(d, wanted(ctx.options)));
      const missingNames = (ctx.options.log_groups ?? []).filter((n) => !groups.some((g) => g.name === n));
      if (missingNames.length) {
        throw storeInputError(
          { file: ctx.documents.files.join(', ') },
          `log group ${missingNames.join(', ')} is in none of the files`,
          'the describe-log-groups output that lists it',
        );
      }
      const policies = ctx.documents.one('resourcePolicies');
      const reading = readCloudWatch({
        groups: ok(groups),
        policies: policies ? ok(policies) : missing('not_collected', 'no aws logs describe-resource-policies output among the files'),
        selection: selection(ctx.options),
        region: ctx.options.region ?? 'from the files',
      });
      return storeOutput(reading, ctx.facts(), { files: ctx.documents.files });
    },
  },
  live: {
    defaultEndpoint: AWS_DEFAULT.logs,
    token: 'none',
    async collect(ctx) {
      const env = process.env;
      for (const s of awsSecrets(env)) ctx.secret(s);
      const endpoint = ctx.endpoint === AWS_DEFAULT.logs ? undefined : ctx.endpoint;
      const region = regionFrom(ctx.options.region, env);
      if (!region) throw storeInputError({ endpoint: 'CloudWatch Logs' }, 'no AWS region', 'options.region, or AWS_REGION in the environment');
      ctx.progress(`${ctx.id}: reading ${selection(ctx.options)} in ${region}`);
      // the AWS SDK loads only here, for a live CloudWatch Logs target (scripts/bundle.mjs: a file of its own)
      const { readCloudWatchApi } = await import('./api.js');
      const read = await readCloudWatchApi(
        {
          region,
          endpoint,
          ...(ctx.options.profile ? { profile: ctx.options.profile } : {}),
          timeoutMs: ctx.tuning.timeoutMs,
          retries: ctx.tuning.retries,
          signal: ctx.signal,
          answers: ctx.answers,
        },
        wanted(ctx.options),
      );
      ctx.capture('cloudwatch-logs.json', read.capture);
      const reading = readCloudWatch({ groups: read.groups, policies: read.policies, selection: selection(ctx.options), region });
      return { ...storeOutput(reading, ctx.facts(), { requests: read.requests }), location: endpoint ?? `CloudWatch Logs ${region}` };
    },
  },
};

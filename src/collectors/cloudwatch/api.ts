/**
 * Live mode: CloudWatch Logs through @aws-sdk/client-cloudwatch-logs. `DescribeLogGroups` is paged
 * with nextToken (50 per page, at most MAX_PAGES pages per name or prefix, so a huge account stays
 * bounded); throttling is retried by the SDK's standard retry strategy. AccessDenied makes the
 * facts that call gives unknown with the IAM action named; refused credentials stop the target.
 */
import {
  CloudWatchLogsClient,
  type CloudWatchLogsClientConfig,
  DescribeLogGroupsCommand,
  type DescribeLogGroupsCommandOutput,
  DescribeResourcePoliciesCommand,
} from '@aws-sdk/client-cloudwatch-logs';
import { type AwsConnection, awsClientConfig, sdkError, sdkFailure } from '../log-store/aws.js';
import { storeInputError } from '../log-store/errors.js';
import { type Located, locatedAnswer } from '../log-store/located.js';
import { missing, ok, type Outcome } from '../log-store/reading.js';
import { DESCRIBE_LOG_GROUPS, DESCRIBE_RESOURCE_POLICIES, type LogGroup, selectGroups } from './read.js';

export const MAX_PAGES = 200;

export type CloudWatchConnection = AwsConnection;

function cloudWatchClient(c: CloudWatchConnection): CloudWatchLogsClient {
  const config: CloudWatchLogsClientConfig = awsClientConfig(c);
  return new CloudWatchLogsClient(config);
}

const CREDENTIAL_ERRORS = new Set([
  'UnrecognizedClientException',
  'InvalidSignatureException',
  'ExpiredTokenException',
  'IncompleteSignature',
  'MissingAuthenticationToken',
  'CredentialsProviderError',
]);

/** Classify an SDK error: refused credentials and the unexpected stop the target; a refusal is a gap. */
function refused(e: unknown, api: string, action: string, endpoint: string, c: CloudWatchConnection): Outcome<never> {
  const { code, status, message } = sdkError(e);
  c.answers?.fail(sdkFailure(`${api} ${endpoint}`, e));
  if (CREDENTIAL_ERRORS.has(code)) {
    throw storeInputError(
      { endpoint, status },
      code === 'CredentialsProviderError' ? `no AWS credentials were found (${message})` : `the credentials were refused (${code})`,
      'AWS credentials from the environment (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_PROFILE) or options.profile',
      e,
    );
  }
  if (code === 'AccessDeniedException' || code === 'AccessDenied' || status === 403)
    return missing('permission_missing', `${api} was refused (${code})`, action);
  throw storeInputError(
    { endpoint, status },
    `${api} failed: ${code}${status ? ` (HTTP ${status})` : ''}${message ? `: ${message}` : ''}`,
    'the CloudWatch Logs API of the region',
    e,
  );
}

export interface CloudWatchRead {
  readonly groups: Outcome<readonly LogGroup[]>;
  readonly policies: Outcome<Located>;
  /** Every page as returned (without $metadata), for the raw capture. */
  readonly capture: Record<string, unknown>;
  readonly requests: number;
}

export async function readCloudWatchApi(
  c: CloudWatchConnection,
  wanted: { names?: readonly string[]; prefix?: string },
  client: CloudWatchLogsClient = cloudWatchClient(c),
): Promise<CloudWatchRead> {
  const where = c.endpoint ?? `CloudWatch Logs ${c.region}`;
  const pages: unknown[] = [];
  let requests = 0;
  // One listing per exact name (a prefix query, then the exact match) or one for the prefix.
  const queries = wanted.names ? wanted.names.map((n) => ({ prefix: n, exact: n })) : [{ prefix: wanted.prefix ?? '', exact: undefined }];
  const groups: LogGroup[] = [];
  let groupsOutcome: Outcome<readonly LogGroup[]> | undefined;
  for (const q of queries) {
    let token: string | undefined;
    let found = false;
    for (let page = 0; page < MAX_PAGES; page++) {
      let out: DescribeLogGroupsCommandOutput;
      try {
        requests++;
        out = await client.send(
          new DescribeLogGroupsCommand({ ...(q.prefix ? { logGroupNamePrefix: q.prefix } : {}), ...(token ? { nextToken: token } : {}), limit: 50 }),
          { abortSignal: c.signal },
        );
      } catch (e) {
        if (c.signal.aborted) throw e;
        groupsOutcome = refused(e, 'DescribeLogGroups', DESCRIBE_LOG_GROUPS, where, c);
        break;
      }
      c.answers?.answer();
      const { $metadata: _, ...body } = out;
      const json = JSON.parse(JSON.stringify(body)) as unknown;
      pages.push(json);
      const endpoint = `DescribeLogGroups ${where}${q.prefix ? ` logGroupNamePrefix=${q.prefix}` : ''} page ${page + 1}`;
      const picked = selectGroups(locatedAnswer(json, endpoint), q.exact ? { names: [q.exact] } : { prefix: q.prefix });
      groups.push(...picked);
      found ||= picked.length > 0;
      token = out.nextToken;
      if (!token || (q.exact && found)) break;
      if (page === MAX_PAGES - 1) {
        throw storeInputError({ endpoint }, `more than ${MAX_PAGES * 50} log groups match "${q.prefix}"`, 'a narrower options.prefix or options.log_groups');
      }
    }
    if (groupsOutcome) break;
    if (q.exact && !found)
      throw storeInputError(
        { endpoint: `DescribeLogGroups ${where}` },
        `log group ${q.exact} does not exist in ${c.region}`,
        'options.log_groups naming existing log groups',
      );
  }
  let policies: Outcome<Located>;
  try {
    requests++;
    const out = await client.send(new DescribeResourcePoliciesCommand({ limit: 50 }), { abortSignal: c.signal });
    c.answers?.answer();
    const { $metadata: _, ...body } = out;
    const json = JSON.parse(JSON.stringify(body)) as unknown;
    pages.push(json);
    policies = ok(locatedAnswer(json, `DescribeResourcePolicies ${where}`));
  } catch (e) {
    if (c.signal.aborted) throw e;
    policies = refused(e, 'DescribeResourcePolicies', DESCRIBE_RESOURCE_POLICIES, where, c);
  }
  return { groups: groupsOutcome ?? ok(groups), policies, capture: { responses: pages }, requests };
}

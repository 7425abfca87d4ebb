/**
 * A loopback server shaped like the documented CloudWatch Logs API (AWS JSON 1.1 protocol:
 * `POST /` with `X-Amz-Target: Logs_20140328.<Operation>`, `application/x-amz-json-1.1`;
 * errors as HTTP 400 with `{"__type": "<Code>", "message": ...}`). Not AWS: it answers
 * DescribeLogGroups (logGroupNamePrefix, limit, nextToken pages) and DescribeResourcePolicies from
 * the given data, and injects throttling, AccessDenied, refused credentials and 5xx on request.
 * It checks that every request is SigV4-signed with the expected access key.
 */
import { json, type Loopback, type Reply, startLoopback } from './loopback.js';

export interface CloudWatchFake {
  logGroups: Record<string, unknown>[];
  resourcePolicies: Record<string, unknown>[];
  accessKeyId: string;
  /** Throttle the first N requests of any operation (ThrottlingException). */
  throttle?: number;
  /** Operations answered with AccessDeniedException. */
  deny?: string[];
  /** Every request answered with UnrecognizedClientException (a bad key). */
  badKey?: boolean;
  /** Every request answered with HTTP 500. */
  fail?: boolean;
}

const error = (code: string, message: string, status = 400): Reply =>
  json(status, { __type: code, message }, { 'x-amzn-errortype': code, 'content-type': 'application/x-amz-json-1.1' });

export async function startCloudWatch(fake: CloudWatchFake): Promise<Loopback & { fake: CloudWatchFake }> {
  let throttled = 0;
  const server = await startLoopback((req) => {
    const target = String(req.headers['x-amz-target'] ?? '');
    const auth = String(req.headers.authorization ?? '');
    if (req.method !== 'POST' || req.path !== '/' || !target.startsWith('Logs_20140328.'))
      return error('UnknownOperationException', `unexpected ${req.method} ${req.path} ${target}`);
    if (!String(req.headers['content-type']).startsWith('application/x-amz-json-1.1'))
      return error('SerializationException', 'expected application/x-amz-json-1.1');
    if (!auth.startsWith(`AWS4-HMAC-SHA256 Credential=${fake.accessKeyId}/`))
      return error('MissingAuthenticationTokenException', 'request is not signed with the expected key', 403);
    if (fake.badKey) return error('UnrecognizedClientException', 'The security token included in the request is invalid.');
    if (fake.fail) return error('ServiceUnavailableException', 'try again', 500);
    if (throttled < (fake.throttle ?? 0)) {
      throttled++;
      return error('ThrottlingException', 'Rate exceeded');
    }
    const op = target.slice('Logs_20140328.'.length);
    if (fake.deny?.includes(op)) return error('AccessDeniedException', `User: arn:aws:iam::123456789012:user/auditor is not authorized to perform: logs:${op}`);
    const body = JSON.parse(req.body || '{}') as { logGroupNamePrefix?: string; limit?: number; nextToken?: string };
    const reply = (data: unknown) => json(200, data, { 'content-type': 'application/x-amz-json-1.1' });
    if (op === 'DescribeLogGroups') {
      const all = fake.logGroups.filter((g) => String(g.logGroupName).startsWith(body.logGroupNamePrefix ?? ''));
      const start = body.nextToken ? Number(Buffer.from(body.nextToken, 'base64').toString('utf8')) : 0;
      const limit = Math.min(body.limit ?? 50, 50);
      const page = all.slice(start, start + limit);
      const next = start + limit < all.length ? Buffer.from(String(start + limit)).toString('base64') : undefined;
      return reply({ logGroups: page, ...(next ? { nextToken: next } : {}) });
    }
    if (op === 'DescribeResourcePolicies') return reply({ resourcePolicies: fake.resourcePolicies });
    return error('UnknownOperationException', op);
  });
  return { ...server, fake };
}

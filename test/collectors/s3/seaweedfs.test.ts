/**
 * The S3 collector against a real S3-compatible server (SeaweedFS, started on loopback by this
 * test) through the real AWS SDK: versioning, lifecycle and Object Lock as the server stores them,
 * a refused call with the reader identity, a missing bucket, refused credentials; and the same
 * bucket read from the JSON files the AWS CLI would print gives the same facts.
 * SeaweedFS refuses lifecycle Transitions and PutBucketLogging (NotImplemented): those are
 * covered from files in read.test.ts.
 */
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  CreateBucketCommand,
  PutBucketLifecycleConfigurationCommand,
  PutBucketVersioningCommand,
  PutObjectLockConfigurationCommand,
  PutPublicAccessBlockCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ToolInputError as StoreInputError } from '../../../src/errors.js';
import { readDocuments, resolveInputFiles } from '../../../src/collectors/kit/files.js';
import { readS3Api, type S3Connection } from '../../../src/collectors/s3/api.js';
import { answersFromFiles } from '../../../src/collectors/s3/files.js';
import { S3_DOCUMENTS } from '../../../src/collectors/s3/index.js';
import { readS3, S3_CALLS, type S3Call } from '../../../src/collectors/s3/read.js';
import { ADMIN, HAVE_WEED, MISSING_WEED, READER, REQUIRE_WEED, type SeaweedFs, startSeaweedFs } from '../../helpers/stores/seaweedfs.js';

const NOW = new Date('2026-11-20T12:00:00Z');

describe.skipIf(!HAVE_WEED && !REQUIRE_WEED)(`S3 collector against SeaweedFS (real server)${HAVE_WEED ? '' : ` — skipped: ${MISSING_WEED}`}`, () => {
  let weed: SeaweedFs;
  let admin: S3Client;
  const conn = (bucket: string, credentials = ADMIN): S3Connection => ({
    bucket,
    region: 'us-east-1',
    endpoint: weed.url,
    forcePathStyle: true,
    credentials,
    timeoutMs: 5000,
    retries: 2,
    signal: new AbortController().signal,
  });

  beforeAll(async () => {
    if (!HAVE_WEED) throw new Error(MISSING_WEED);
    weed = await startSeaweedFs();
    process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
    admin = new S3Client({ region: 'us-east-1', endpoint: weed.url, forcePathStyle: true, credentials: ADMIN, maxAttempts: 5 });
    // The gateway answers before the filer is ready: retry the first bucket for a few seconds.
    for (let i = 0; ; i++) {
      try {
        await admin.send(new CreateBucketCommand({ Bucket: 'audit-secure', ObjectLockEnabledForBucket: true }));
        break;
      } catch (e) {
        if (i > 40) throw e;
        await new Promise((r) => setTimeout(r, 250));
      }
    }
    await admin.send(new PutBucketVersioningCommand({ Bucket: 'audit-secure', VersioningConfiguration: { Status: 'Enabled' } }));
    await admin.send(
      new PutBucketLifecycleConfigurationCommand({
        Bucket: 'audit-secure',
        LifecycleConfiguration: {
          Rules: [
            {
              ID: 'audit-13-months',
              Status: 'Enabled',
              Filter: { Prefix: 'audit/' },
              Expiration: { Days: 400 },
              NoncurrentVersionExpiration: { NoncurrentDays: 30 },
            },
            { ID: 'scratch', Status: 'Enabled', Filter: { Prefix: 'tmp/' }, Expiration: { Days: 1 } },
          ],
        },
      }),
    );
    await admin.send(
      new PutObjectLockConfigurationCommand({
        Bucket: 'audit-secure',
        ObjectLockConfiguration: { ObjectLockEnabled: 'Enabled', Rule: { DefaultRetention: { Mode: 'COMPLIANCE', Days: 400 } } },
      }),
    );
    await admin.send(
      new PutPublicAccessBlockCommand({
        Bucket: 'audit-secure',
        PublicAccessBlockConfiguration: { BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: true },
      }),
    );

    await admin.send(new CreateBucketCommand({ Bucket: 'audit-insecure' }));
    await admin.send(new PutBucketVersioningCommand({ Bucket: 'audit-insecure', VersioningConfiguration: { Status: 'Suspended' } }));
    await admin.send(
      new PutBucketLifecycleConfigurationCommand({
        Bucket: 'audit-insecure',
        LifecycleConfiguration: { Rules: [{ ID: 'all', Status: 'Enabled', Filter: {}, Expiration: { Days: 90 } }] },
      }),
    );

    await admin.send(new CreateBucketCommand({ Bucket: 'audit-governance', ObjectLockEnabledForBucket: true }));
    await admin.send(
      new PutObjectLockConfigurationCommand({
        Bucket: 'audit-governance',
        ObjectLockConfiguration: { ObjectLockEnabled: 'Enabled', Rule: { DefaultRetention: { Mode: 'GOVERNANCE', Years: 2 } } },
      }),
    );
  }, 120_000);

  afterAll(async () => {
    admin?.destroy();
    await weed?.stop();
  });

  it('starts within a minute on loopback', () => {
    expect(weed.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(weed.startedInMs).toBeLessThan(60_000);
  });

  it("secure bucket: 400 days (the prefix's rule), COMPLIANCE 400 days covers it, versioned, public access blocked", async () => {
    const live = await readS3Api(conn('audit-secure'));
    const r = readS3({ bucket: 'audit-secure', prefix: 'audit/', answers: live.answers, hosting: 'self-hosted', now: NOW });
    expect(r.retention).toMatchObject({ ok: true, value: { days: 400, unit: 'days', setting: 'lifecycle rule audit-13-months Expiration.Days' } });
    expect(r.retention.ok && r.retention.value.sources).toEqual([
      { endpoint: `GetBucketLifecycleConfiguration ${weed.url}/audit-secure`, pointer: '/Rules/0/Expiration/Days' },
    ]);
    expect(r.immutable).toMatchObject({ ok: true, value: { value: true } });
    expect(r.backup).toMatchObject({ ok: true, value: { value: true } });
    expect(r.anonymous).toMatchObject({ ok: true, value: { value: false } });
    expect(r.accessLog.enabled).toMatchObject({ ok: true, value: { value: false } });
    expect(r.details).toMatchObject({
      object_lock: { mode: 'COMPLIANCE', default_retention: { days: 400 } },
      versioning: 'Enabled',
      replication: [],
      noncurrent_version_expiration_days: 30,
    });
    expect(live.capture.GetBucketReplication).toEqual({ error: 'ReplicationConfigurationNotFoundError', status: 404 });
  });

  it('insecure bucket: 90 days, no Object Lock, versioning suspended', async () => {
    const live = await readS3Api(conn('audit-insecure'));
    const r = readS3({ bucket: 'audit-insecure', prefix: '', answers: live.answers, hosting: 'self-hosted', now: NOW });
    expect(r.retention).toMatchObject({ ok: true, value: { days: 90 } });
    expect(r.immutable).toMatchObject({
      ok: true,
      value: { value: false, why: 'Object Lock is not enabled on the bucket: any principal with s3:DeleteObject can delete records' },
    });
    expect(r.backup).toMatchObject({ ok: true, value: { value: false } });
    // No Block Public Access, no bucket policy, a private ACL: not public.
    expect(r.anonymous).toMatchObject({ ok: true, value: { value: false } });
  });

  it('GOVERNANCE mode is not immutability; no lifecycle is forever', async () => {
    const live = await readS3Api(conn('audit-governance'));
    const r = readS3({ bucket: 'audit-governance', prefix: '', answers: live.answers, hosting: 'self-hosted', now: NOW });
    expect(r.retention).toMatchObject({ ok: true, value: { days: -1, note: 'NoSuchLifecycleConfiguration: no lifecycle rule deletes objects' } });
    expect(r.immutable).toMatchObject({ ok: true, value: { value: false, why: expect.stringMatching(/^Object Lock in GOVERNANCE mode/) } });
  });

  it('a call the identity may not make is unknown with the IAM action named; the rest is read', async () => {
    const live = await readS3Api(conn('audit-secure', READER));
    expect(live.answers.objectLock).toEqual({
      ok: false,
      reason: 'permission_missing',
      detail: 'GetObjectLockConfiguration was refused (AccessDenied)',
      permission: 's3:GetBucketObjectLockConfiguration',
    });
    const r = readS3({ bucket: 'audit-secure', prefix: 'audit/', answers: live.answers, hosting: 'self-hosted', now: NOW });
    expect(r.retention).toMatchObject({ ok: true, value: { days: 400 } });
    expect(r.immutable).toMatchObject({ ok: false, reason: 'permission_missing', permission: 's3:GetBucketObjectLockConfiguration' });
    expect(r.backup).toMatchObject({ ok: true, value: { value: true } });
  });

  it('a missing bucket and refused credentials stop the target with a clear error', async () => {
    const e = await readS3Api(conn('no-such-bucket')).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(StoreInputError);
    expect((e as StoreInputError).problem).toBe('bucket no-such-bucket does not exist (NoSuchBucket)');
    const bad = await readS3Api(conn('audit-secure', { ...ADMIN, secretAccessKey: 'wrong-secret-for-the-test' })).catch((x: unknown) => x);
    expect(bad).toBeInstanceOf(StoreInputError);
    expect((bad as StoreInputError).problem).toBe('the credentials were refused (SignatureDoesNotMatch)');
  });

  it("the same bucket read from the AWS CLI's JSON gives the same facts", async () => {
    const live = await readS3Api(conn('audit-secure'));
    const dir = mkdtempSync(path.join(os.tmpdir(), 'auditready-s3-files-'));
    try {
      // What `aws s3api <command> --bucket audit-secure` prints (2>&1 for "does not exist").
      for (const call of Object.keys(S3_CALLS) as S3Call[]) {
        const spec = S3_CALLS[call];
        const got = live.capture[spec.api] as Record<string, unknown>;
        const text =
          'error' in got
            ? `\nAn error occurred (${String(got.error)}) when calling the ${spec.api} operation: it does not exist\n`
            : `${JSON.stringify(call === 'versioning' ? { Status: null, MFADelete: null, ...got } : call === 'logging' ? { LoggingEnabled: null, ...got } : got, null, 4)}\n`;
        writeFileSync(path.join(dir, `${spec.cli}.json`), text);
      }
      // recognized by the collector's own document spec, as in files mode
      const docs = readDocuments(
        resolveInputFiles(readdirSync(dir), dir, () => ({ file: 'test' })),
        S3_DOCUMENTS,
        { captures: [], secrets: [] },
      ).byKind;
      const files = readS3({ bucket: 'audit-secure', prefix: 'audit/', answers: answersFromFiles('audit-secure', docs), hosting: 'self-hosted', now: NOW });
      const api = readS3({ bucket: 'audit-secure', prefix: 'audit/', answers: live.answers, hosting: 'self-hosted', now: NOW });
      const strip = (x: unknown) => JSON.parse(JSON.stringify(x, (k, v) => (k === 'sources' || k === 'read_at' ? undefined : v)));
      expect(strip(files)).toEqual(strip(api));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

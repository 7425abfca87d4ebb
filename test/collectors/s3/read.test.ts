import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { type Located, locatedDocument } from '../../../src/collectors/log-store/located.js';
import { FOREVER } from '../../../src/collectors/log-store/retention.js';
import { readDocuments, resolveInputFiles } from '../../../src/collectors/kit/files.js';
import { answersFromFiles } from '../../../src/collectors/s3/files.js';
import { S3_DOCUMENTS } from '../../../src/collectors/s3/index.js';
import { type Answer, readS3, type S3Call, S3_CALLS } from '../../../src/collectors/s3/read.js';
import { parseSource } from '../../../src/util/yaml-source.js';

const NOW = new Date('2026-11-20T12:00:00Z');

/** The CLI outputs of a fixture folder, recognized by the collector's own document spec. */
function fromDir(dir: string) {
  const names = readdirSync(dir).filter((n) => n !== 'auditready.yaml' && n !== 'normalized.json');
  const files = resolveInputFiles(names, dir, () => ({ file: 'test' }));
  return answersFromFiles('acme-audit-logs', readDocuments(files, S3_DOCUMENTS, { captures: [], secrets: [] }).byKind);
}

const json = (value: unknown, file = 'x.json') => locatedDocument(parseSource(JSON.stringify(value, null, 2), file));
const answer = (value: unknown): Answer => ({ ok: true, value: { doc: json(value) } });
const none = (call: S3Call): Answer => ({
  ok: true,
  value: { none: { endpoint: S3_CALLS[call].api, default: 'none' }, code: S3_CALLS[call].notFound ?? 'none' },
});
const allNone = () => Object.fromEntries((Object.keys(S3_CALLS) as S3Call[]).map((c) => [c, none(c)])) as { [k in S3Call]: Answer };
const read = (answers: Partial<{ [k in S3Call]: Answer }>, prefix = '') =>
  readS3({
    bucket: 'b',
    prefix,
    answers: { ...allNone(), versioning: answer({ Status: null }), acl: answer({ Grants: [] }), logging: answer({ LoggingEnabled: null }), ...answers },
    hosting: 'saas',
    now: NOW,
  });

describe('S3 from the AWS CLI outputs', () => {
  it('secure bucket: 400 days kept, 120 searchable before GLACIER, COMPLIANCE lock covers it, versioned, not public, access-logged', () => {
    const r = readS3({ bucket: 'acme-audit-logs', prefix: 'audit/', answers: fromDir('fixtures/s3/secure'), hosting: 'saas', now: NOW });
    expect(r.retention).toMatchObject({
      ok: true,
      value: { days: 400, raw: 400, unit: 'days', setting: 'lifecycle rule audit-logs-13-months Expiration.Days' },
    });
    expect(r.retention.ok && r.retention.value.sources).toEqual([
      { file: 'fixtures/s3/secure/lifecycle.json', line: 16, column: 25, pointer: '/Rules/0/Expiration/Days' },
    ]);
    expect(r.online).toMatchObject({ ok: true, value: { days: 120, note: expect.stringMatching(/^GLACIER objects need a restore/) } });
    expect(r.immutable).toMatchObject({ ok: true, value: { value: true, why: 'Object Lock COMPLIANCE 400 days covers the retention of 400 days' } });
    expect(r.backup).toMatchObject({ ok: true, value: { value: true, why: 'versioning Enabled (prior versions are kept)' } });
    expect(r.anonymous).toMatchObject({ ok: true, value: { value: false } });
    expect(r.accessLog.enabled).toMatchObject({ ok: true, value: { value: true } });
    expect(r.accessLog.destination).toBe('s3://acme-s3-access-logs/acme-audit-logs/');
    // Commands not exported are not collected, and say which command would give them.
    expect(r.readRestricted).toMatchObject({ ok: false, reason: 'not_collected' });
    expect(r.details).toMatchObject({
      versioning: 'Enabled',
      mfa_delete: 'Disabled',
      replication: 'unknown: no output of aws s3api get-bucket-replication --bucket acme-audit-logs among the files',
    });
  });

  it('insecure bucket: 90 days, no Object Lock nor replication (the CLI error lines), versioning suspended, public policy', () => {
    const r = readS3({ bucket: 'acme-audit-logs', prefix: '', answers: fromDir('fixtures/s3/insecure'), hosting: 'saas', now: NOW });
    expect(r.retention).toMatchObject({ ok: true, value: { days: 90 } });
    expect(r.immutable).toMatchObject({
      ok: true,
      value: { value: false, why: 'Object Lock is not enabled on the bucket: any principal with s3:DeleteObject can delete records' },
    });
    expect(r.immutable.ok && r.immutable.value.sources[0]).toMatchObject({ file: 'fixtures/s3/insecure/object-lock.txt', line: 2 });
    // versioning suspended and (the CLI error line) no replication configuration
    expect(r.backup).toMatchObject({
      ok: true,
      value: { value: false, why: 'versioning Suspended and no enabled replication rule: a deleted or overwritten object is gone' },
    });
    expect(r.anonymous).toMatchObject({ ok: true, value: { value: true, why: 'the bucket policy is public (PolicyStatus.IsPublic)' } });
    expect(r.readRestricted).toMatchObject({ ok: true, value: { value: false } });
    expect(r.accessLog.enabled).toMatchObject({ ok: true, value: { value: false } });
  });
});

describe('S3 lifecycle', () => {
  it('no lifecycle configuration keeps objects forever', () => {
    const r = read({});
    expect(r.retention).toMatchObject({ ok: true, value: { days: FOREVER, note: 'NoSuchLifecycleConfiguration: no lifecycle rule deletes objects' } });
    expect(r.online).toMatchObject({ ok: true, value: { days: FOREVER } });
  });

  it('ignores disabled rules and rules for other prefixes; counts rules reaching part of the prefix', () => {
    const lc = answer({
      Rules: [
        { ID: 'off', Status: 'Disabled', Filter: {}, Expiration: { Days: 1 } },
        { ID: 'other', Status: 'Enabled', Filter: { Prefix: 'tmp/' }, Expiration: { Days: 2 } },
        { ID: 'tagged', Status: 'Enabled', Filter: { And: { Prefix: 'audit/', Tags: [{ Key: 'k', Value: 'v' }] } }, Expiration: { Days: 30 } },
        { ID: 'legacy', Status: 'Enabled', Prefix: 'audit/', Expiration: { Days: 500 } },
        { ID: 'markers', Status: 'Enabled', Filter: {}, Expiration: { ExpiredObjectDeleteMarker: true } },
      ],
    });
    const r = read({ lifecycle: lc }, 'audit/');
    expect(r.retention).toMatchObject({
      ok: true,
      value: { days: 30, setting: 'lifecycle rule tagged Expiration.Days (it reaches some of objects under audit/: tags, size or a longer prefix)' },
    });
    expect(r.explain).toEqual([
      'rule off is Disabled: ignored',
      'rule other does not reach objects under audit/: ignored',
      '2 enabled rule(s) with an Expiration reach objects under audit/; the shortest, 30 days (lifecycle rule tagged Expiration.Days (it reaches some of objects under audit/: tags, size or a longer prefix)), is the retention',
    ]);
    // Without the tagged rule the legacy rule-level Prefix decides.
    const rules = (lc as { value: { doc: Located } }).value.doc.value as { Rules: unknown[] };
    expect(read({ lifecycle: answer({ Rules: [rules.Rules[3]] }) }, 'audit/').retention).toMatchObject({ ok: true, value: { days: 500 } });
  });

  it("an exported AccessDenied line (IAM's 'User: arn:...: is not authorized to perform: ...') is a permission gap naming the action", () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'ar-s3-cli-'));
    writeFileSync(
      path.join(dir, 'object-lock.txt'),
      '\nAn error occurred (AccessDenied) when calling the GetObjectLockConfiguration operation: User: arn:aws:iam::123456789012:user/auditor is not authorized to perform: s3:GetBucketObjectLockConfiguration on resource: "arn:aws:s3:::acme-audit-logs" because no identity-based policy allows the s3:GetBucketObjectLockConfiguration action\n',
    );
    expect(fromDir(dir).objectLock).toMatchObject({
      ok: false,
      reason: 'permission_missing',
      detail: 'GetObjectLockConfiguration was refused when the files were exported (AccessDenied)',
      permission: S3_CALLS.objectLock.action,
    });
  });

  it('turns an Expiration.Date into the days left (0 once passed)', () => {
    const r = read({ lifecycle: answer({ Rules: [{ ID: 'd', Status: 'Enabled', Filter: {}, Expiration: { Date: '2027-01-19T00:00:00.000Z' } }] }) });
    expect(r.retention).toMatchObject({ ok: true, value: { days: 59, unit: 'date', raw: '2027-01-19T00:00:00.000Z' } });
    const past = read({ lifecycle: answer({ Rules: [{ ID: 'd', Status: 'Enabled', Filter: {}, Expiration: { Date: '2020-01-01T00:00:00Z' } }] }) });
    expect(past.retention).toMatchObject({ ok: true, value: { days: 0 } });
  });

  it('a refused call is unknown with the IAM action named', () => {
    const denied: Answer = {
      ok: false,
      reason: 'permission_missing',
      detail: 'GetBucketLifecycleConfiguration was refused (AccessDenied)',
      permission: 's3:GetLifecycleConfiguration',
    };
    const r = read({
      lifecycle: denied,
      objectLock: answer({ ObjectLockConfiguration: { ObjectLockEnabled: 'Enabled', Rule: { DefaultRetention: { Mode: 'COMPLIANCE', Days: 365 } } } }),
    });
    expect(r.retention).toEqual(denied);
    expect(r.online).toEqual(denied);
    // COMPLIANCE, but whether it covers the retention cannot be known.
    expect(r.immutable).toMatchObject({ ok: false, reason: 'permission_missing', permission: 's3:GetLifecycleConfiguration' });
  });
});

describe('S3 Object Lock', () => {
  const lock = (Mode: string, more: object) =>
    answer({ ObjectLockConfiguration: { ObjectLockEnabled: 'Enabled', Rule: { DefaultRetention: { Mode, ...more } } } });
  const expiring = (Days: number) => answer({ Rules: [{ ID: 'e', Status: 'Enabled', Filter: {}, Expiration: { Days } }] });

  it('only COMPLIANCE at least as long as the retention is immutable', () => {
    expect(read({ objectLock: lock('COMPLIANCE', { Days: 365 }), lifecycle: expiring(365) }).immutable).toMatchObject({ ok: true, value: { value: true } });
    expect(read({ objectLock: lock('COMPLIANCE', { Years: 1 }), lifecycle: expiring(400) }).immutable).toMatchObject({
      ok: true,
      value: { value: false, why: 'Object Lock COMPLIANCE 365 days is shorter than the retention of 400 days: records can be deleted before it ends' },
    });
    expect(read({ objectLock: lock('GOVERNANCE', { Years: 10 }), lifecycle: expiring(400) }).immutable).toMatchObject({ ok: true, value: { value: false } });
    expect(read({ objectLock: answer({ ObjectLockConfiguration: { ObjectLockEnabled: 'Enabled' } }) }).immutable).toMatchObject({
      ok: true,
      value: { value: false, why: expect.stringMatching(/without a default retention/) },
    });
  });

  it('COMPLIANCE on a bucket that keeps forever is not immutable: the lock ends before the retention does', () => {
    const r = read({ objectLock: lock('COMPLIANCE', { Years: 7 }) });
    expect(r.immutable).toMatchObject({
      ok: true,
      value: {
        value: false,
        why: 'Object Lock COMPLIANCE 2555 days, but objects are kept forever: after 2555 days they can be deleted before their retention ends',
      },
    });
    expect(r.details.object_lock).toMatchObject({ mode: 'COMPLIANCE', default_retention: { days: 2555, raw: 7, unit: 'years' } });
  });
});

describe('S3 backup and public access', () => {
  it('replication alone is a backup; suspended versioning without replication is not', () => {
    const rep = answer({
      ReplicationConfiguration: {
        Role: 'arn:aws:iam::1:role/r',
        Rules: [{ ID: 'r', Status: 'Enabled', Filter: {}, Destination: { Bucket: 'arn:aws:s3:::dr-copy' } }],
      },
    });
    expect(read({ replication: rep, versioning: answer({ Status: 'Suspended' }) }).backup).toMatchObject({
      ok: true,
      value: { value: true, why: 'replicated to arn:aws:s3:::dr-copy' },
    });
    expect(read({ versioning: answer({ Status: 'Suspended' }) }).backup).toMatchObject({ ok: true, value: { value: false } });
    expect(read({ versioning: answer({ Status: null, MFADelete: null }) }).backup).toMatchObject({
      ok: true,
      value: { value: false, why: expect.stringMatching(/^versioning never enabled/) },
    });
  });

  it('an ACL grant to AllUsers is anonymous access unless IgnorePublicAcls', () => {
    const grants = answer({
      Owner: { ID: 'o' },
      Grants: [{ Grantee: { Type: 'Group', URI: 'http://acs.amazonaws.com/groups/global/AllUsers' }, Permission: 'READ' }],
    });
    expect(read({ acl: grants }).anonymous).toMatchObject({ ok: true, value: { value: true } });
    const ignore = answer({
      PublicAccessBlockConfiguration: { BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: false, RestrictPublicBuckets: false },
    });
    expect(read({ acl: grants, publicAccessBlock: ignore }).anonymous).toMatchObject({ ok: true, value: { value: false } });
  });

  it('without a full block, an unreadable policy status leaves anonymous access unknown', () => {
    const r = read({ policyStatus: { ok: false, reason: 'permission_missing', detail: 'refused', permission: 's3:GetBucketPolicyStatus' } });
    expect(r.anonymous).toMatchObject({ ok: false, reason: 'permission_missing', permission: 's3:GetBucketPolicyStatus' });
  });
});

describe('S3 bucket resource (AR-RET-101)', () => {
  it('carries the default lock mode and days, none as 0, and the refusal as gaps', () => {
    const lock = answer({ ObjectLockConfiguration: { ObjectLockEnabled: 'Enabled', Rule: { DefaultRetention: { Mode: 'COMPLIANCE', Years: 1 } } } });
    expect(read({ objectLock: lock }).resources).toEqual([
      { id: 'bucket:b', kind: 'bucket', name: 'b', facts: { object_lock_mode: 'COMPLIANCE', object_lock_days: 365 }, gaps: [] },
    ]);
    expect(read({}).resources![0]!.facts).toEqual({ object_lock_mode: 'none', object_lock_days: 0 });
    const denied: Answer = { ok: false, reason: 'permission_missing', detail: 'refused', permission: 's3:GetBucketObjectLockConfiguration' };
    expect(read({ objectLock: denied }).resources![0]!.gaps).toEqual([
      { fact: 'object_lock_mode', reason: 'permission_missing', detail: 'refused', permission: 's3:GetBucketObjectLockConfiguration' },
      { fact: 'object_lock_days', reason: 'permission_missing', detail: 'refused', permission: 's3:GetBucketObjectLockConfiguration' },
    ]);
  });
});

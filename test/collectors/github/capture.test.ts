/**
 * The GitHub raw capture is written part by part (src/collectors/github/capture.ts): the same
 * RawGithub as JSON, one repository and one member a line, never held as one string.
 */
import { describe, expect, it } from 'vitest';
import { captureBytes, captureParts, normalizeAndCapture } from '../../../src/collectors/github/capture.js';
import { normalizeGithub } from '../../../src/collectors/github/normalize/index.js';
import { missing, ok } from '../../../src/collectors/kit/result.js';
import { redactBytes } from '../../../src/pipeline/collect-all.js';
import { CLOUD, rawGithub, repo } from './normalize/raw.js';

describe('github raw capture', () => {
  const raw = rawGithub({
    repos: ok([repo({ nameWithOwner: 'acme/a' }), repo({ id: 'R2', nameWithOwner: 'acme/b' })]),
    enterprise: undefined,
  });

  it('reads back as the RawGithub it was written from (what evaluate re-derives from)', () => {
    const text = captureBytes(raw).toString('utf8');
    expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify(raw)));
    // an Outcome that is not ok, and lists that are empty, too
    const failed = rawGithub({ repos: missing('permission_missing', 'no repo scope', 'repo'), members: ok([]) });
    expect(JSON.parse(captureBytes(failed).toString('utf8'))).toEqual(JSON.parse(JSON.stringify(failed)));
  });

  it('one repository and one member a line; everything else indented two spaces', () => {
    const lines = captureBytes(raw).toString('utf8').split('\n');
    const repoLines = lines.filter((l) => l.includes('"nameWithOwner"'));
    expect(repoLines).toHaveLength(2);
    for (const l of repoLines) expect(JSON.parse(l.trim().replace(/,$/, ''))).toHaveProperty('id');
    expect(lines.filter((l) => /^ {6}\{"login":"(alice|bob)"/.test(l))).toHaveLength(2);
    expect(lines).toContain('  "org": {');
    expect(lines.at(-1)).toBe('');
  });

  it('one part per repository: the document is never one string', () => {
    const parts = [...captureParts(raw)];
    expect(parts.filter((p) => p.includes('"nameWithOwner"'))).toHaveLength(2);
    expect(parts.join('')).toBe(captureBytes(raw).toString('utf8'));
  });
});

describe('normalizing and capturing in one pass', () => {
  it('gives the facts and bytes the two would apart, and lets go of each repository once written', () => {
    const fresh = () =>
      rawGithub({ repos: ok([repo({ nameWithOwner: 'acme/a' }), repo({ id: 'R2', nameWithOwner: 'acme/b' }), repo({ id: 'R3', nameWithOwner: 'acme/c' })]) });
    const apart = fresh();
    const expected = { facts: normalizeGithub(apart, CLOUD), bytes: captureBytes(apart) };
    const raw = fresh();
    const seen: (string | null)[][] = [];
    const { result, bytes } = normalizeAndCapture(raw, (done) =>
      normalizeGithub(raw, CLOUD, (r, i) => {
        done(r, i);
        seen.push((raw.repos as { value: ({ nameWithOwner: string } | null)[] }).value.map((x) => x?.nameWithOwner ?? null));
      }),
    );
    expect(result).toEqual(expected.facts);
    expect(bytes.equals(expected.bytes)).toBe(true);
    // released one by one, as each became its resource
    expect(seen).toEqual([
      [null, 'acme/b', 'acme/c'],
      [null, null, 'acme/c'],
      [null, null, null],
    ]);
    // repositories that could not be read: written whole, nothing to release
    const failed = rawGithub({ repos: missing('permission_missing', 'no repo scope', 'repo') });
    const once = normalizeAndCapture(failed, (done) => normalizeGithub(failed, CLOUD, done));
    expect(once.bytes.equals(captureBytes(failed))).toBe(true);
  });

  it('refuses a normalizer that skips a repository (the capture would lose it)', () => {
    const raw = rawGithub({ repos: ok([repo(), repo({ id: 'R2', nameWithOwner: 'acme/b' })]) });
    expect(() => normalizeAndCapture(raw, (done) => done(repo({ id: 'R2' }), 1))).toThrow(/expected repository 0, got 1/);
  });
});

describe('redacting a capture', () => {
  it('keeps the very bytes when there is nothing to redact (no copy; bytes that are not UTF-8 stay as read)', () => {
    const clean = Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0xff, 0x7d]);
    expect(redactBytes(clean, ['s3cr3t-value'])).toBe(clean);
    const dirty = Buffer.from('{"a":"s3cr3t-value"}');
    expect(Buffer.from(redactBytes(dirty, ['s3cr3t-value'])).toString('utf8')).toBe('{"a":"[REDACTED]"}');
  });
});

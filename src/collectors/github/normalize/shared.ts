/** Readings several pillars share: the enterprise as read, and repositories GitHub returned as null. */
import type { Missing } from '../../kit/result.js';
import type { GithubSettings } from '../options.js';
import type { RawEnterprise, RawGithub, RawStream } from '../raw.js';
import { webhookOrigin } from '../../kit/url.js';
import { withDetail } from './gaps.js';

/** The enterprise when it was read. */
export const enterpriseRead = (raw: RawGithub): RawEnterprise | undefined => (raw.enterprise?.ok ? raw.enterprise.value : undefined);

/** Why the enterprise could not be read, when options.enterprise named one. */
export const enterpriseMissing = (raw: RawGithub): Missing | undefined => (raw.enterprise && !raw.enterprise.ok ? raw.enterprise : undefined);

/**
 * Why the visibility of some repository is unknown (GitHub returned its node as null): then
 * neither anonymous access nor the grants to everyone are known.
 */
export function unknownVisibility(raw: RawGithub): Missing | undefined {
  const unreadable = raw.repos.ok ? raw.repos.value.find((r) => r.unreadable)?.unreadable : undefined;
  return unreadable ? withDetail(unreadable, `visibility of a repository is unknown: ${unreadable.detail}`) : undefined;
}

/** A stream type as a destination type: "Amazon S3" → amazon-s3. */
export function streamType(t: string): string {
  return t
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

/**
 * Where a stream delivers, from its stream_details: a URL cut to scheme://host[:port] (a path or
 * query may carry a token, as in webhook URLs), else the text itself (a bucket, a host), at most
 * 200 characters.
 */
export function streamEndpoint(details: unknown): string | undefined {
  if (typeof details !== 'string' || details.trim() === '') return undefined;
  const text = details.trim();
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? webhookOrigin(text) : text.slice(0, 200);
}

/** The log-store target (type/name) options.stream_stores maps a stream to, by its id or else its type. */
export function streamStore(s: RawStream, settings: GithubSettings): string | undefined {
  return settings.streamStores[String(s.id)] ?? settings.streamStores[s.stream_type];
}

/** What GitHub's audit-log streams are called in the model (destinations and log streams). */
export const streamName = (s: { id: number; stream_type: string }) => `${s.stream_type} stream ${s.id}`;

/** Streams are enterprise settings: without options.enterprise they are not read. */
export const STREAMS_NOT_READ = {
  detail: 'audit-log streaming is configured on the enterprise; set options.enterprise (needs admin:enterprise)',
  permission: 'admin:enterprise',
} as const;

/** time.*: GitHub's clocks are the service's (github.com) or the appliance's (GHES, not in the API). */
import type { Facts } from '../../../model/types.js';
import { type Missing, notApplicable, notCollected } from '../../kit/result.js';
import type { GithubSettings } from '../options.js';
import { GapList, type Pillar } from './gaps.js';

export function timeFacts(settings: GithubSettings): Pillar<Facts['time']> {
  const g = new GapList();
  const clock: Missing = settings.cloud
    ? notApplicable('SaaS; GitHub operates the clocks')
    : notCollected('the GitHub Enterprise Server appliance clock is not in the API; check its NTP settings');
  const facts: Facts['time'] = {
    sync_daemon: g.value<string>('time.sync_daemon', clock),
    sources: g.value<string[]>('time.sources', clock),
    synchronized: g.value<boolean>('time.synchronized', clock),
    offset_ms: g.value<number>('time.offset_ms', clock),
    timestamp_timezone: 'UTC', // audit @timestamp is epoch milliseconds
    authenticated: g.value<boolean>('time.authenticated', clock),
  };
  return { facts, gaps: g.gaps };
}

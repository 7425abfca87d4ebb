/** Members of the organization with their role, 100 a page. */
import { type Outcome, ok } from '../kit/result.js';
import type { GithubClient } from './client.js';
import { paginate } from './paginate.js';
import { QUERIES } from './queries.js';
import type { RawMember } from './raw.js';
import type { MembersResponse } from './responses.js';

export interface MembersRead {
  members: Outcome<RawMember[]>;
  /** Member nodes GitHub returned as null (a member deleted while we paged). */
  skipped: number;
}

export async function fetchMembers(client: GithubClient): Promise<MembersRead> {
  const byLogin = new Map<string, RawMember>();
  let skipped = 0;
  const read = await paginate<MembersResponse, NonNullable<MembersResponse['organization']>['membersWithRole']>(
    client,
    {
      doc: QUERIES.members,
      variables: { login: client.settings.org },
      connection: (data) => data?.organization?.membersWithRole,
      permission: 'read:org',
      absent: 'GitHub returned no membersWithRole',
    },
    (page) => {
      for (const edge of page.edges ?? []) {
        if (!edge?.node) {
          skipped++;
          continue;
        }
        byLogin.set(edge.node.login, { login: edge.node.login, role: edge.role === 'ADMIN' || edge.role === 'MEMBER' ? edge.role : null });
      }
      client.tell(`${byLogin.size} members`);
      return undefined;
    },
  );
  return { members: read.ok ? ok([...byLogin.values()]) : read, skipped };
}

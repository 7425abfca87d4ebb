import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { validate as validateAgainstJson } from '@octokit/graphql-schema';
import { QUERIES } from '../../../src/collectors/github/queries.js';
import { githubSchema } from '../../helpers/github-server.js';

// Same graphql copy as the schema (see github-server.ts).
const { parse, validate } = createRequire(import.meta.url)('graphql') as typeof import('graphql');

describe("GitHub GraphQL queries against GitHub's published schema (@octokit/graphql-schema schema.graphql)", () => {
  for (const [name, doc] of Object.entries(QUERIES)) {
    it(`${name} is valid`, () => {
      expect(validate(githubSchema(), parse(doc)).map((e) => e.message)).toEqual([]);
    });
    it(`${name} asks for rateLimit { cost remaining resetAt }`, () => {
      expect(doc.replace(/\s+/g, ' ')).toContain('rateLimit { cost remaining resetAt }');
    });
  }

  it('the validation catches fields GitHub does not have', () => {
    const bad = 'query { organization(login: "a") { defaultRepositoryPermission membersCanCreateRepositories } }';
    expect(validate(githubSchema(), parse(bad)).map((e) => e.message)).toEqual([
      'Cannot query field "defaultRepositoryPermission" on type "Organization".',
      'Cannot query field "membersCanCreateRepositories" on type "Organization". Did you mean "viewerCanCreateRepositories" or "membersCanForkPrivateRepositories"?',
    ]);
  });

  it("the 2FA methods query uses a field only the SDL has (tool-facts §0): the package's older JSON schema rejects it, so it is asked alone", () => {
    expect(validateAgainstJson(QUERIES.enterprise2faMethods).map((e) => e.message)).toEqual([
      expect.stringContaining('Cannot query field "twoFactorDisallowedMethodsSetting" on type "EnterpriseOwnerInfo"'),
    ]);
    expect(QUERIES.enterprise.includes('twoFactorDisallowedMethodsSetting')).toBe(false);
  });
});

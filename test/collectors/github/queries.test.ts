import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
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
});

import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { candidateFiles, detect, MAX_DEPTH } from '../../src/init/detect.js';
import { fixture } from '../helpers/run.js';

function folder(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'ar-detect-'));
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    writeFileSync(path.join(dir, rel), text);
  }
  return dir;
}

describe('init detection', () => {
  it('tells chrony.conf from NTPsec ntp.conf by their own directives, and finds a Distribution registry config', () => {
    // Native collectors read all three (files mode); chrony's and NTPsec's both read a file of
    // server/pool lines, so a directive only one daemon has decides, and a file without one is
    // proposed to neither.
    const dir = folder({
      'a/chrony.conf': 'pool 2.debian.pool.ntp.org iburst\nmakestep 1 3\nrtcsync\n',
      'b/ntp.conf': 'pool 0.debian.pool.ntp.org iburst\nrestrict default kod nomodify noquery limited\nstatsdir /var/log/ntpsec/\n',
      'c/config.yml': 'version: 0.1\nstorage:\n  filesystem:\n    rootdirectory: /var/lib/docker-registry\nhttp:\n  addr: :5000\n',
      'd/servers.conf': 'server a.example\nserver b.example\n', // servers only: neither daemon's own directive
    });
    const found = detect(dir, { env: {} }).map((d) => `${d.type}/${d.name} ${d.mode} ${d.files.join(',')}`);
    expect(found).toEqual(['chrony/a files a/chrony.conf', 'ntpsec/b files b/ntp.conf', 'distribution/c files c/config.yml']);
  });

  it('a file several collectors read goes to the type only it shows, else to the type its folder already has, else to none', () => {
    const dir = folder({
      'a/chrony.conf': 'pool 2.debian.pool.ntp.org iburst\nmakestep 1 3\n',
      'a/servers.conf': 'server a.example\n', // chrony's and NTPsec's: its folder has chrony
      't/timesyncd.conf': '[Time]\nNTP=time.example\n', // timesyncd's and Splunk's (key = value stanzas): [Time] is timesyncd's
      'h/configurations.json': readFileSync(fixture('harbor', 'secure', 'configurations.json'), 'utf8'),
      'h/projects.json': '[]\n', // an empty list: a GitLab and a Harbor export; its folder has Harbor
      'e/projects.json': '[]\n', // nothing tells: proposed to none
      'v/sys-audit.json': readFileSync(fixture('vault', 'secure', 'export', 'sys-audit.json'), 'utf8'), // Vault's only (its data member is not GraphQL)
    });
    const found = detect(dir, { env: {} }).map((d) => `${d.type}/${d.name} ${d.files.join(',')}`);
    expect(found).toEqual([
      'chrony/a a/chrony.conf,a/servers.conf',
      'harbor/h h/configurations.json,h/projects.json',
      'timesyncd/t t/timesyncd.conf',
      'vault/v v/sys-audit.json',
    ]);
  });

  it('is bounded: skips dot-folders, node_modules and folders deeper than MAX_DEPTH', () => {
    const deep = `${Array.from({ length: MAX_DEPTH + 1 }, (_, i) => `d${i}`).join('/')}/chrony.conf`;
    const dir = folder({ '.git/x.yaml': 'a: 1\n', 'node_modules/p/x.yaml': 'a: 1\n', [deep]: 'x\n', 'ok/x.yaml': 'a: 1\n' });
    expect(candidateFiles(dir)).toEqual(['ok/x.yaml']);
  });

  it('a GitHub target needs both GITHUB_TOKEN and a github.com remote', () => {
    const dir = folder({});
    expect(detect(dir, { env: { GITHUB_TOKEN: 'x' } }).filter((d) => d.type === 'github')).toEqual([]);
  });
});

describe('init detection of the secrets, registry, store and clock files', () => {
  it('finds Vault HCL, chrony captures (never its key file), ntpq and timedatectl captures, AWS CLI error lines and htpasswd next to their configs', () => {
    const copy = (tool: string, name: string, ...files: string[]) =>
      Object.fromEntries(files.map((f) => [`${tool}/${f}`, readFileSync(fixture(tool, name, f), 'utf8')]));
    const dir = folder({
      ...copy('vault', 'secure', 'vault.hcl'),
      ...copy('chrony', 'secure', 'chrony.conf', 'chrony.keys', 'tracking.csv', 'sources.csv', 'timedatectl-show.txt'),
      ...copy('ntpsec', 'secure', 'ntp.conf', 'rv.txt', 'peers.txt'),
      ...copy('s3', 'insecure', 'lifecycle.json', 'object-lock.txt'),
      ...copy('distribution', 'htpasswd', 'config.yml', 'htpasswd'),
      'notes/README.txt': 'Nothing any collector reads.\n',
    });
    const found = detect(dir, { env: {} }).map((d) => `${d.type}/${d.name} ${d.files.join(',')}`);
    expect(found).toEqual(
      expect.arrayContaining([
        'vault/vault vault/vault.hcl',
        'chrony/chrony chrony/chrony.conf,chrony/sources.csv,chrony/timedatectl-show.txt,chrony/tracking.csv',
        'ntpsec/ntpsec ntpsec/ntp.conf,ntpsec/peers.txt,ntpsec/rv.txt',
        's3/s3 s3/lifecycle.json,s3/object-lock.txt',
        'distribution/distribution distribution/config.yml,distribution/htpasswd',
      ]),
    );
    expect(found.join('\n')).not.toMatch(/README\.txt|chrony\.keys/);
  });
});

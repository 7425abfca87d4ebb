import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { candidateFiles, detect, MAX_DEPTH } from '../../src/init/detect.js';

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
    const dir = folder({
      'a/chrony.conf': 'pool 2.debian.pool.ntp.org iburst\nmakestep 1 3\nrtcsync\n',
      'b/ntp.conf': 'pool 0.debian.pool.ntp.org iburst\nrestrict default kod nomodify noquery limited\nstatsdir /var/log/ntpsec/\n',
      'c/config.yml': 'version: 0.1\nstorage:\n  filesystem:\n    rootdirectory: /var/lib/docker-registry\nhttp:\n  addr: :5000\n',
      'd/servers.conf': 'server a.example\nserver b.example\n', // servers only: neither daemon's own directive
    });
    const found = detect(dir, { env: {} }).map((d) => `${d.type}/${d.name} ${d.mode} ${d.files.join(',')}`);
    expect(found).toEqual(['chrony/a facts a/chrony.conf', 'ntpsec/b facts b/ntp.conf', 'distribution/c facts c/config.yml']);
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

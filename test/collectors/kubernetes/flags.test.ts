import { describe, expect, it } from 'vitest';
import { atLeast, parseBool, parseCount, parseFlags, splitCommandLine, versionFromImage } from '../../../src/collectors/kubernetes/flags.js';

describe('kube-apiserver flags', () => {
  it('reads --name=value, --name value and bare booleans, the last occurrence winning', () => {
    const f = parseFlags([
      'kube-apiserver',
      '--audit-log-path=/var/log/a.log',
      '--audit-log-maxage',
      '30',
      '--anonymous-auth',
      '--audit-log-path=/var/log/b.log',
    ]);
    expect(f.get('audit-log-path')).toEqual({ name: 'audit-log-path', value: '/var/log/b.log', index: 5 });
    expect(f.get('audit-log-maxage')).toEqual({ name: 'audit-log-maxage', value: '30', index: 2 });
    // a boolean flag never takes the next argument as its value
    expect(f.get('anonymous-auth')?.value).toBe('true');
  });

  it('keeps an empty value and "-" (stdout) as given', () => {
    const f = parseFlags(['--audit-log-path=-', '--audit-webhook-config-file=']);
    expect(f.get('audit-log-path')?.value).toBe('-');
    expect(f.get('audit-webhook-config-file')?.value).toBe('');
  });

  it('parses booleans and counts the way pflag does, and nothing else', () => {
    expect(['1', 't', 'T', 'true', 'TRUE', 'True'].map(parseBool)).toEqual(Array(6).fill(true));
    expect(['0', 'f', 'F', 'false', 'FALSE', 'False'].map(parseBool)).toEqual(Array(6).fill(false));
    expect(parseBool('yes')).toBeUndefined();
    expect(parseCount('30')).toBe(30);
    expect(parseCount('-1')).toBeUndefined();
    expect(parseCount('30d')).toBeUndefined();
  });

  it('splits a shell command line with quotes and continuations', () => {
    expect(splitCommandLine('kube-apiserver \\\n  --a="x y" --b=\'z\'  --c=d\\ e')).toEqual(['kube-apiserver', '--a=x y', '--b=z', '--c=d e']);
  });

  it('takes the Kubernetes version from the image tag, with or without a digest', () => {
    expect(versionFromImage('registry.k8s.io/kube-apiserver:v1.31.4')).toMatchObject({ major: 1, minor: 31 });
    expect(versionFromImage('registry.example.com:5000/kube-apiserver:v1.36.0@sha256:abcd')).toMatchObject({ major: 1, minor: 36 });
    expect(versionFromImage('registry.k8s.io/kube-apiserver@sha256:abcd')).toBeUndefined();
    expect(versionFromImage('kube-apiserver:latest')).toBeUndefined();
    expect(atLeast(versionFromImage('x:v1.36.1')!, 1, 36)).toBe(true);
    expect(atLeast(versionFromImage('x:v1.35.9')!, 1, 36)).toBe(false);
  });
});

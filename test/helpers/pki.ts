/**
 * A throwaway PKI for loopback TLS tests: a CA, a server certificate for 127.0.0.1 and localhost,
 * and a client certificate, made with the openssl CLI in a temporary folder.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export interface TestPki {
  readonly dir: string;
  readonly caFile: string;
  readonly ca: string;
  readonly serverCert: string;
  readonly serverKey: string;
  readonly clientCert: string;
  readonly clientKey: string;
  /** The client certificate's subject common name (the Kubernetes user name). */
  readonly clientUser: string;
  cleanup(): void;
}

export function makeTestPki(clientUser = 'auditready-reader'): TestPki {
  const dir = mkdtempSync(path.join(tmpdir(), 'auditready-pki-'));
  const p = (f: string) => path.join(dir, f);
  const ssl = (...args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] });
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
  ssl('req', '-x509', ...ec, '-keyout', 'ca.key', '-out', 'ca.crt', '-days', '2', '-subj', '/CN=auditready-test-ca');
  /** A key and a certificate signed by the CA, with the given subject and X.509v3 extensions. */
  const issue = (name: string, subject: string, extensions: string) => {
    writeFileSync(p(`${name}.ext`), extensions);
    ssl('req', ...ec, '-keyout', `${name}.key`, '-out', `${name}.csr`, '-subj', subject);
    ssl(
      'x509',
      '-req',
      '-in',
      `${name}.csr`,
      '-CA',
      'ca.crt',
      '-CAkey',
      'ca.key',
      '-CAcreateserial',
      '-out',
      `${name}.crt`,
      '-days',
      '2',
      '-extfile',
      `${name}.ext`,
    );
  };
  issue('server', '/CN=kube-apiserver', 'subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\n');
  issue('client', `/O=auditors/CN=${clientUser}`, 'extendedKeyUsage=clientAuth\n');
  const read = (f: string) => readFileSync(p(f), 'utf8');
  return {
    dir,
    caFile: p('ca.crt'),
    ca: read('ca.crt'),
    serverCert: read('server.crt'),
    serverKey: read('server.key'),
    clientCert: read('client.crt'),
    clientKey: read('client.key'),
    clientUser,
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/**
 * A loopback server shaped like a Jenkins controller's Configuration-as-Code export (not the real
 * server): POST /manage/configuration-as-code/export (or, on an older controller,
 * /configuration-as-code/export) answers the configuration as YAML to a user with an API token
 * (HTTP Basic), 401 for a wrong token, 403 for a user without Overall/SystemRead. Faults (status,
 * delay, count) can be injected. Binds 127.0.0.1 on a random port.
 */
import http from 'node:http';
import { listenLoopback } from './loopback.js';

export interface JenkinsState {
  user: string;
  token: string;
  /** The YAML the export returns. */
  exportYaml: string;
  /** The user lacks Overall/SystemRead. */
  forbidden?: boolean;
  /** Before /manage existed: only /configuration-as-code/export answers. */
  legacyPath?: boolean;
  /** The Configuration as Code plugin is not installed. */
  noCasc?: boolean;
}

export interface JenkinsFault {
  status?: number;
  delayMs?: number;
  times?: number;
}

export interface FakeJenkins {
  url: string;
  requests: { method: string; path: string; auth: string | undefined }[];
  close(): Promise<void>;
}

export async function startFakeJenkins(state: JenkinsState, faults: JenkinsFault[] = []): Promise<FakeJenkins> {
  const requests: FakeJenkins['requests'] = [];
  const server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      requests.push({ method: req.method ?? '', path: req.url ?? '', auth: req.headers.authorization });
      const fault = faults.find((f) => f.times === undefined || f.times > 0);
      const respond = (): void => {
        if (fault?.status) {
          if (fault.times !== undefined) fault.times--;
          res.writeHead(fault.status, { 'content-type': 'text/html' });
          res.end('<html><body>injected</body></html>');
          return;
        }
        if (fault?.times !== undefined) fault.times--;
        const exportPath = state.legacyPath ? '/configuration-as-code/export' : '/manage/configuration-as-code/export';
        if (req.method !== 'POST' || req.url !== exportPath || state.noCasc) {
          res.writeHead(404, { 'content-type': 'text/html' });
          res.end('<html><body>Not Found</body></html>');
          return;
        }
        const expected = `Basic ${Buffer.from(`${state.user}:${state.token}`).toString('base64')}`;
        if (req.headers.authorization !== expected) {
          res.writeHead(401, { 'content-type': 'text/html', 'www-authenticate': 'Basic realm="Jenkins"' });
          res.end('<html><body>Invalid password/token for user</body></html>');
          return;
        }
        if (state.forbidden) {
          res.writeHead(403, { 'content-type': 'text/html' });
          res.end(`<html><body>${state.user} is missing the Overall/SystemRead permission</body></html>`);
          return;
        }
        res.writeHead(200, { 'content-type': 'application/x-yaml;charset=utf-8' });
        res.end(state.exportYaml);
      };
      if (fault?.delayMs) setTimeout(respond, fault.delayMs);
      else respond();
    });
  });
  const { url, close } = await listenLoopback(server);
  return { url, requests, close };
}

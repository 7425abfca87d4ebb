/**
 * Files mode of Vault and OpenBao: the server's configuration (HCL, or JSON) and JSON exports of
 * the same API responses live mode reads. Two export shapes are recognized by content:
 *
 *  - `vault read -format=json sys/audit` (or `bao read ...`), `... sys/auth` and
 *    `... sys/policies/acl/NAME`: the CLI's output, recognized by the shape of `data`;
 *  - anything else as written by scripts/export-vault.sh: the CLI's JSON output with the API path
 *    it came from, `{"path": "identity/group/name/admins", ...}` (a LIST has `"list": true`).
 *
 * Each file becomes API responses keyed by path, so the reader sees the same server whichever way
 * it was read.
 */
import { parseHclSource } from '../../util/hcl-source.js';
import type { DocumentSpec } from '../kit/files.js';

export type VaultKind = 'server-config' | 'sys-audit' | 'sys-auth' | 'acl-policy' | 'api-response';

const isMapping = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/** The response's data: `data` of a CLI/API response. */
export function dataOf(v: unknown): Record<string, unknown> | undefined {
  return isMapping(v) && isMapping(v.data) ? v.data : undefined;
}

const entries = (v: unknown) => Object.values(dataOf(v) ?? {}).filter(isMapping);

/** `vault read -format=json sys/audit`: every entry a device with a type and options. */
export function isSysAuditExport(v: unknown): boolean {
  const e = entries(v);
  return e.length > 0 && e.every((d) => typeof d.type === 'string' && 'options' in d && !('accessor' in d)) && !(isMapping(v) && 'path' in v);
}

/** `vault read -format=json sys/auth`: every entry a mount with a type and an accessor. */
export function isSysAuthExport(v: unknown): boolean {
  const e = entries(v);
  return e.length > 0 && e.every((d) => typeof d.type === 'string' && typeof d.accessor === 'string') && !(isMapping(v) && 'path' in v);
}

/** `vault read -format=json sys/policies/acl/NAME`: a name and the policy text. */
export function isAclPolicyExport(v: unknown): boolean {
  const d = dataOf(v);
  return d !== undefined && typeof d.name === 'string' && typeof d.policy === 'string' && !(isMapping(v) && 'path' in v);
}

/** Server configuration keys (Vault/OpenBao `server` stanzas). */
const CONFIG_KEYS = ['listener', 'storage', 'backend', 'seal', 'audit', 'api_addr', 'cluster_addr', 'ui', 'telemetry', 'unsafe_allow_api_audit_creation'];

export const VAULT_DOCUMENTS: DocumentSpec<VaultKind> = {
  expected:
    'the Vault/OpenBao server configuration (HCL or JSON), or JSON exports of its API: vault read -format=json sys/audit | sys/auth | sys/policies/acl/NAME, or the files scripts/export-vault.sh writes',
  kinds: {
    'server-config': {
      describe: 'the server configuration',
      // JSON (a configuration or an export) is read as JSON; any other text is HCL, as Vault reads it.
      text: (t) => !/^\s*[{[]/.test(t),
      parse: parseHclSource,
      match: (v) => isMapping(v) && !('data' in v) && !('path' in v) && CONFIG_KEYS.some((k) => k in v),
    },
    'sys-audit': {
      describe: 'an export of sys/audit',
      match: isSysAuditExport,
      once: true,
    },
    'sys-auth': {
      describe: 'an export of sys/auth',
      match: isSysAuthExport,
      once: true,
    },
    'acl-policy': {
      describe: 'an export of sys/policies/acl/NAME',
      match: isAclPolicyExport,
    },
    'api-response': {
      describe: 'an API response written by scripts/export-vault.sh ({"path": ..., "data": ...})',
      match: (v) => isMapping(v) && typeof v.path === 'string' && ('data' in v || 'status' in v),
    },
  },
};

#!/usr/bin/env node
/** `node build/tsc/build-policies.js [POLICIES_DIR] [OUT_DIR]`: the policy build step of `npm run build`. */
import { isAuditreadyError } from './errors.js';
import { buildPolicies } from './policy/build.js';
import { fromRoot } from './util/paths.js';

const [policiesDir = fromRoot('policies'), outDir = fromRoot('build', 'policy')] = process.argv.slice(2);
try {
  const { manifest } = await buildPolicies(policiesDir, outDir);
  process.stdout.write(
    `built ${manifest.policy_count} policies into ${outDir} (OPA ${manifest.opa_version}, wasm sha256 ${manifest.wasm_sha256.slice(0, 12)})\n`,
  );
} catch (e) {
  if (!isAuditreadyError(e)) throw e;
  process.stderr.write(`auditready: ${e.message}\n`);
  process.exit(e.exitCode);
}

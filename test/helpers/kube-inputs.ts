/** Kubernetes inputs from file texts, read the way files mode reads them (the kit's readDocuments). */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { readDocuments } from '../../src/collectors/kit/files.js';
import { inputsFromDocuments, KUBERNETES_DOCUMENTS } from '../../src/collectors/kubernetes/index.js';
import type { KubeInputs } from '../../src/collectors/kubernetes/inputs.js';

/** Files (display name → text) written to a temporary folder, read and recognized, then removed. */
export function kubeInputs(files: Readonly<Record<string, string>>, into?: KubeInputs): KubeInputs {
  const dir = mkdtempSync(path.join(tmpdir(), 'auditready-k8s-'));
  try {
    const inputs = Object.entries(files).map(([display, text], i) => {
      const file = path.join(dir, `${i}-${path.basename(display)}`);
      writeFileSync(file, text);
      return { path: file, display };
    });
    const docs = readDocuments(inputs, KUBERNETES_DOCUMENTS, { captures: [], secrets: [] });
    return inputsFromDocuments(docs, into);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

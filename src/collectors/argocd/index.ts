/**
 * Argo CD, the worked example of a collector on the kit (see ../kit/README.md):
 *
 *  - files mode: argocd-cm, argocd-rbac-cm and argocd-cmd-params-cm as YAML or kubectl JSON
 *    (configmaps.ts recognizes them by metadata.name and reads them into ArgoSettings);
 *  - live mode: the Argo CD API (live.ts reads it into the same ArgoSettings), plus argocd-rbac-cm
 *    from `files:` for what the API does not expose;
 *  - normalize.ts maps ArgoSettings to the model, one fact at a time, through the facts builder.
 */
import type { Collector } from '../types.js';
import { ARGOCD_DOCUMENTS, type ArgoKind, settingsFromConfigMaps } from './configmaps.js';
import { readLive } from './live.js';
import { normalizeArgo } from './normalize.js';
import { ARGOCD_OPTIONS_SCHEMA, type ArgocdOptions } from './options.js';

const EXPORT_RBAC = ' (export it: kubectl -n argocd get cm argocd-rbac-cm -o yaml)';

export const argocdCollector: Collector<ArgocdOptions, ArgoKind> = {
  name: 'argocd',
  types: ['argocd'],
  options: ARGOCD_OPTIONS_SCHEMA,
  documents: ARGOCD_DOCUMENTS,
  files: {
    collect(ctx) {
      const { settings, notes } = settingsFromConfigMaps(ctx.documents);
      return {
        facts: normalizeArgo(settings, ctx.facts(), EXPORT_RBAC),
        details: {
          configmaps: (['argocd-cm', 'argocd-rbac-cm', 'argocd-cmd-params-cm'] as const).flatMap((k) => {
            const o = ctx.documents.one(k);
            return o ? [`${k} (${o.file}:${o.line})`] : [];
          }),
          ...(ctx.documents.ignored.length ? { ignored: ctx.documents.ignored.map((i) => `${i.file}:${i.line} ${i.what}: ${i.reason}`) } : {}),
          ...(notes.scopes ? { rbac_scopes: notes.scopes.value } : {}),
          ...(notes.matchMode ? { rbac_match_mode: notes.matchMode.value } : {}),
          ...(notes.warnings.length ? { warnings: notes.warnings } : {}),
        },
      };
    },
  },
  live: {
    token: 'required',
    files: ['argocd-rbac-cm'],
    async collect(ctx) {
      const { settings, details } = await readLive(ctx);
      return { facts: normalizeArgo(settings, ctx.facts(), '; give argocd-rbac-cm with files: next to endpoint:'), details };
    },
  },
};

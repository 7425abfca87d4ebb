// A policy's remediation is written for every tool it applies to: a general paragraph, then one per
// tool ("GitHub: …", "Vault/OpenBao: …", "Argo CD: … Harbor: …"), wrapped at about 100 columns in
// the policy's metadata. The detail screen shows the finding's own tool first, and each paragraph
// as one piece of text so it wraps at the terminal's width, not the metadata's.
import { TOOL_TYPES } from '../../model/tool-types.js';

export interface RemediationParagraph {
  /** "GitHub", "Vault/OpenBao"; null for the general text. */
  readonly label: string | null;
  readonly text: string;
  /** The paragraph is about the finding's tool type. */
  readonly own: boolean;
}

const TYPES = Object.keys(TOOL_TYPES).map((t) => ({ type: t, key: t.replace(/[^a-z0-9]/g, '') }));

/** The tool types a label names: "Vault/OpenBao" → vault, openbao; "GitHub Enterprise Cloud" → github; "Argo CD / Harbor" → argocd, harbor. */
export function labelTypes(label: string): string[] {
  const out = new Set<string>();
  for (const part of label.split(/\/|,| and /)) {
    const key = part
      .replace(/\(.*?\)/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]/g, '');
    if (!key) continue;
    // the longest type the part starts with: "gitlabrunner" is gitlab-runner, "gitlabselfmanaged" gitlab
    const match = TYPES.filter((t) => key.startsWith(t.key)).sort((a, b) => b.key.length - a.key.length)[0];
    if (match) out.add(match.type);
  }
  return [...out];
}

/**
 * A paragraph starts at a line "Label: …" (a capitalised label, or a known tool's: "chrony:"), or
 * after a sentence at "Label: …" naming a known tool.
 */
const LINE_LABEL = /^([A-Za-z][A-Za-z0-9 ./()-]{0,40}?):\s/;
const INLINE_LABEL = /([.!?])\s+([A-Za-z][A-Za-z0-9 ./()-]{0,40}?):\s/g;

function isLabel(label: string): boolean {
  return /^[A-Z]/.test(label) || labelTypes(label).length > 0;
}

/**
 * The remediation as paragraphs, the finding's own tool's first, then the general text, then the
 * other tools' in their order. Each paragraph's lines are joined (whitespace collapsed).
 */
export function remediationParagraphs(remediation: string, toolType: string): RemediationParagraph[] {
  const sections: { label: string | null; lines: string[] }[] = [{ label: null, lines: [] }];
  for (const raw of remediation.split('\n')) {
    const line = raw.trim();
    if (!line) continue;
    const m = LINE_LABEL.exec(line);
    if (m && isLabel(m[1]!)) sections.push({ label: m[1]!, lines: [line.slice(m[0].length)] });
    else sections.at(-1)!.lines.push(line);
  }
  const paragraphs: { label: string | null; text: string }[] = [];
  for (const s of sections) {
    const text = s.lines.join(' ').replace(/\s+/g, ' ').trim();
    if (!text) continue;
    // "Argo CD: limit … . Harbor: limit …": a known tool named after a sentence starts its own paragraph
    let label = s.label;
    let from = 0;
    for (const m of text.matchAll(INLINE_LABEL)) {
      if (labelTypes(m[2]!).length === 0) continue;
      const end = m.index! + m[1]!.length;
      paragraphs.push({ label, text: text.slice(from, end).trim() });
      label = m[2]!;
      from = m.index! + m[0].length;
    }
    paragraphs.push({ label, text: text.slice(from).trim() });
  }
  const marked = paragraphs.filter((p) => p.text).map((p) => ({ ...p, own: p.label !== null && labelTypes(p.label).includes(toolType) }));
  return [...marked.filter((p) => p.own), ...marked.filter((p) => !p.own)];
}

/**
 * Read Kubernetes files whole (multi-document YAML, JSON, kubectl Lists) with positions, and
 * claim each document for the inputs. A file that is not YAML/JSON, or a document that is none of
 * the kinds read, is an error naming the file and line; its message never quotes file content.
 */
import { readFileSync, statSync } from 'node:fs';
import { isMap, isScalar, isSeq, LineCounter, type Node, parseAllDocuments } from 'yaml';
import { addDocument, type DocumentRef, type Evidence, type KubeInputs, UnrecognizedDocument } from './inputs.js';

/** Largest file read (a kubectl export of a big cluster's RBAC is a few MB). */
export const MAX_FILE_BYTES = 32 * 1024 * 1024;

export class KubeFileError extends Error {
  override readonly name = 'KubeFileError';
  constructor(
    readonly at: Evidence,
    message: string,
  ) {
    super(message);
  }
}

export interface ReadFile {
  /** Path as shown in evidence and errors (relative to the working directory). */
  readonly display: string;
  readonly text: string;
}

export function readFileCapped(abs: string, display: string): ReadFile {
  let size: number;
  try {
    size = statSync(abs).size;
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new KubeFileError({ location: display, pointer: '' }, code === 'ENOENT' ? 'file not found' : `cannot read (${code ?? 'error'})`);
  }
  if (size > MAX_FILE_BYTES) throw new KubeFileError({ location: display, pointer: '' }, `file is ${size} bytes, more than the ${MAX_FILE_BYTES} read`);
  return { display, text: readFileSync(abs, 'utf8') };
}

function decode(pointer: string): string[] {
  return pointer === ''
    ? []
    : pointer
        .split('/')
        .slice(1)
        .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

function locate(root: Node | null, lc: LineCounter, pointer: string): { line: number; col: number } {
  let node: Node | null = root;
  let offset = node?.range?.[0] ?? 0;
  for (const seg of decode(pointer)) {
    if (isMap(node)) {
      const pair = node.items.find((p) => (isScalar(p.key) ? String(p.key.value) : String(p.key)) === seg);
      if (!pair) break;
      const v = pair.value as Node | null;
      offset = v?.range?.[0] ?? (pair.key as Node | null)?.range?.[0] ?? offset;
      node = v;
    } else if (isSeq(node)) {
      const item = node.items[Number(seg)] as Node | undefined;
      if (!item) break;
      offset = item.range?.[0] ?? offset;
      node = item;
    } else break;
  }
  return lc.linePos(offset);
}

/** Parse one file and add every document in it to the inputs. */
export function addFile(inputs: KubeInputs, file: ReadFile): void {
  const lc = new LineCounter();
  const docs = parseAllDocuments(file.text, { lineCounter: lc, prettyErrors: false, uniqueKeys: true });
  const list = Array.isArray(docs) ? docs : [docs];
  for (const d of list) {
    const err = d.errors[0];
    if (err) {
      const pos = lc.linePos(err.pos[0]);
      const what = err.message.split('\n')[0]?.replace(/ at line \d+, column \d+:?$/, '') ?? 'invalid YAML';
      throw new KubeFileError({ location: file.display, pointer: '', line: pos.line, col: pos.col }, `invalid YAML/JSON: ${what}`);
    }
  }
  const present = list.filter((d) => d.contents !== null);
  if (present.length === 0) throw new KubeFileError({ location: file.display, pointer: '', line: 1, col: 1 }, 'empty file: no YAML or JSON document');
  present.forEach((d, i) => {
    const base = present.length > 1 ? `/${i}` : '';
    const root = d.contents as Node | null;
    const value = d.toJS({ maxAliasCount: 100 });
    const ref: DocumentRef = {
      value,
      location: file.display,
      base,
      at: (p) => ({ location: file.display, pointer: `${base}${p}`, ...locate(root, lc, p) }),
    };
    try {
      addDocument(inputs, ref);
    } catch (e) {
      if (e instanceof UnrecognizedDocument) throw new KubeFileError(e.at, e.message);
      throw e;
    }
  });
}

import { gunzipSync } from 'node:zlib';

/** Read one regular file out of a .tar.gz (as `opa build` writes it: members named with a leading '/'). */
export function readTarGzMember(archive: Uint8Array, member: string): Buffer | undefined {
  const tar = gunzipSync(archive);
  const want = member.replace(/^\//, '');
  let off = 0;
  while (off + 512 <= tar.length) {
    const header = tar.subarray(off, off + 512);
    if (header.every((b) => b === 0)) break;
    const name = cString(header.subarray(0, 100));
    const prefix = cString(header.subarray(345, 500));
    const size = parseInt(cString(header.subarray(124, 136)).trim() || '0', 8);
    const type = String.fromCharCode(header[156] ?? 48);
    const full = (prefix ? `${prefix}/${name}` : name).replace(/^\//, '');
    const start = off + 512;
    if ((type === '0' || type === '\0') && full === want) return Buffer.from(tar.subarray(start, start + size));
    off = start + Math.ceil(size / 512) * 512;
  }
  return undefined;
}

function cString(b: Uint8Array): string {
  const end = b.indexOf(0);
  return Buffer.from(end === -1 ? b : b.subarray(0, end)).toString('utf8');
}

import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { AlphaFactoryError } from '../errors';

/** The bytes of a file, its sha256, and the decompressed content (`.gz` is gunzipped). */
export interface FileBytes {
  path: string;
  raw: Uint8Array;
  sha256: string;
  content: Buffer;
}

/** sha256 (hex) of bytes. */
export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** Whether bytes start with the gzip magic number. */
export function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

/** Read a file (gunzipping `.gz` or gzip-magic content); a missing file is an AlphaFactoryError naming it (as `label`). */
export function readFileBytes(path: string, label: string = path): FileBytes {
  let raw: Buffer;
  try {
    raw = readFileSync(path);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : (err as Error).message;
    throw new AlphaFactoryError('file_not_found', `cannot read data file: ${why}`, { file: label });
  }
  let content = raw;
  if (path.endsWith('.gz') || isGzip(raw)) {
    try {
      content = gunzipSync(raw);
    } catch (err) {
      throw new AlphaFactoryError('bad_gzip', `not a valid gzip file: ${(err as Error).message}`, { file: label });
    }
  }
  return { path, raw, sha256: sha256Hex(raw), content };
}

/** The format of a data file, from its name (`.gz` stripped). */
export type DataFormat = 'csv' | 'arrow' | 'parquet';

export function formatOf(path: string, content?: Uint8Array): DataFormat {
  const p = path.toLowerCase().replace(/\.gz$/, '');
  if (p.endsWith('.parquet') || p.endsWith('.pq')) return 'parquet';
  if (p.endsWith('.arrow') || p.endsWith('.arrows') || p.endsWith('.feather') || p.endsWith('.ipc')) return 'arrow';
  if (content && content.length >= 4) {
    if (content[0] === 0x50 && content[1] === 0x41 && content[2] === 0x52 && content[3] === 0x31) return 'parquet'; // PAR1
    if (content[0] === 0x41 && content[1] === 0x52 && content[2] === 0x52 && content[3] === 0x4f) return 'arrow'; // ARROW1
  }
  return 'csv';
}

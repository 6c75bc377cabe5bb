/** Path helpers for the Jupyter contents API (paths relative to the server root, '/'-separated). */

/** Folder part of a contents path ('' for the root). */
export function dirname(path: string): string {
  const i = path.lastIndexOf('/');
  return i < 0 ? '' : path.slice(0, i);
}

/** Base name of a contents path. */
export function basename(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

function parts(p: string): string[] {
  return p.split('/').filter((s) => s !== '' && s !== '.');
}

/** `to` relative to the folder `from` (both relative to the server root), '.' when equal. */
export function relative(from: string, to: string): string {
  const a = parts(from);
  const b = parts(to);
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  const up = a.slice(i).map(() => '..');
  const rel = [...up, ...b.slice(i)].join('/');
  return rel === '' ? '.' : rel;
}

/** Joins contents path segments. */
export function join(...segments: string[]): string {
  return segments.flatMap(parts).join('/');
}

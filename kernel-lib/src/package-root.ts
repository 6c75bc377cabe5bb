import * as fs from 'fs';
import * as path from 'path';

let cached: string | undefined;

/**
 * The kernel-lib package folder (the one holding its package.json, data/ and scripts/),
 * found by walking up from the compiled file, so it works from lib/ (published) and from
 * build/src/ (tests) alike.
 */
export function packageRoot(): string {
  if (cached) return cached;
  let dir = __dirname;
  for (;;) {
    const pj = path.join(dir, 'package.json');
    if (fs.existsSync(pj)) {
      try {
        if ((JSON.parse(fs.readFileSync(pj, 'utf8')) as { name?: string }).name === '@alpha-factory/kernel') {
          cached = dir;
          return dir;
        }
      } catch {
        // not ours; keep walking
      }
    }
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error('cannot find the @alpha-factory/kernel package folder');
    dir = parent;
  }
}

/** The kernel-lib version from its package.json. */
export function packageVersion(): string {
  return (JSON.parse(fs.readFileSync(path.join(packageRoot(), 'package.json'), 'utf8')) as { version: string }).version;
}

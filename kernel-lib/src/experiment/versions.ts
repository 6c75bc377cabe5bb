import * as fs from 'fs';
import * as path from 'path';
import { packageVersion } from '../package-root';

/** Versions of the software that produced a result, as recorded in experiment manifests. */
export interface SoftwareVersions {
  kernel_lib: string;
  node: string;
  /** Present when running inside a tslab kernel. */
  tslab: string | null;
  /** The TypeScript compiler tslab compiles cells with. */
  typescript: string | null;
}

function readVersion(pkgJson: string): string | null {
  try {
    return (JSON.parse(fs.readFileSync(pkgJson, 'utf8')) as { version?: string }).version ?? null;
  } catch {
    return null;
  }
}

/** Finds a loaded module's package directory from `require.cache` (the copy actually running). */
function loadedPackageDir(pattern: RegExp): string | undefined {
  for (const key of Object.keys(require.cache)) {
    const m = pattern.exec(key);
    if (m) return key.slice(0, m.index + m[0].length);
  }
  return undefined;
}

export function softwareVersions(): SoftwareVersions {
  const tslabDir = loadedPackageDir(/[\\/]node_modules[\\/]tslab(?=[\\/]dist[\\/])/);
  let typescript: string | null = null;
  const tsDir = loadedPackageDir(/[\\/]node_modules[\\/]@tslab[\\/]typescript-for-tslab(?=[\\/])/);
  if (tsDir) typescript = readVersion(path.join(tsDir, 'package.json'));
  else if (tslabDir) {
    try {
      typescript = readVersion(require.resolve('@tslab/typescript-for-tslab/package.json', { paths: [tslabDir] }));
    } catch {
      typescript = null;
    }
  }
  return {
    kernel_lib: packageVersion(),
    node: process.version,
    tslab: tslabDir ? readVersion(path.join(tslabDir, 'package.json')) : null,
    typescript,
  };
}

import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * The folder holding the `alpha_factory_gpu` package (`<repo>/gpu`), found by walking up from this
 * file (works from `lib/`, `build/` and an installed package that ships `gpu/`); undefined if absent
 * (then the package must be installed in the worker's Python).
 */
export function gpuPackageDir(): string | undefined {
  let d = __dirname;
  for (let i = 0; i < 8; i++) {
    if (fs.existsSync(path.join(d, 'gpu', 'alpha_factory_gpu', 'worker.py'))) return path.join(d, 'gpu');
    const up = path.dirname(d);
    if (up === d) break;
    d = up;
  }
  return undefined;
}

function hasTorch(venv: string): boolean {
  const lib = path.join(venv, 'lib');
  if (!fs.existsSync(lib)) return false;
  return fs.readdirSync(lib).some((p) => p.startsWith('python') && fs.existsSync(path.join(lib, p, 'site-packages', 'torch')));
}

/**
 * The Python that runs the worker: `explicit`, else `$ALPHA_FACTORY_PYTHON`, else the repository's
 * `.venv` or `.venv-gpu` when it has torch installed, else `python3` from PATH.
 */
export function workerPython(explicit?: string): string {
  if (explicit) return explicit;
  if (process.env.ALPHA_FACTORY_PYTHON) return process.env.ALPHA_FACTORY_PYTHON;
  const gpu = gpuPackageDir();
  if (gpu) {
    const root = path.dirname(gpu);
    for (const v of ['.venv', '.venv-gpu']) {
      const py = path.join(root, v, 'bin', 'python');
      if (fs.existsSync(py) && hasTorch(path.join(root, v))) return py;
    }
  }
  return 'python3';
}

/** PYTHONPATH for the worker: the gpu/ folder first, then whatever was set. */
export function workerPythonPath(): string | undefined {
  const gpu = gpuPackageDir();
  const parts = [gpu, process.env.PYTHONPATH].filter((p): p is string => !!p && p.length > 0);
  return parts.length ? parts.join(path.delimiter) : undefined;
}

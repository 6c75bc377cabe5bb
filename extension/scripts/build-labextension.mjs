#!/usr/bin/env node
// Builds the prebuilt labextension with the Python `jupyter-builder` CLI into the folder
// named by package.json jupyterlab.outputDir (../alpha_factory_lab/labextension).
// PYTHON: the interpreter of a venv that has jupyter-builder (default: python3).
// Pass --development for an unminified build with source maps.
import { spawnSync } from 'node:child_process';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const ext = dirname(dirname(fileURLToPath(import.meta.url)));
const python = process.env.PYTHON || 'python3';
const probe = spawnSync(python, ['-c', 'import jupyter_builder'], { stdio: 'ignore' });
if (probe.error || probe.status !== 0) {
  console.error(`build-labextension: ${python} cannot import jupyter_builder; set PYTHON to a venv python with jupyter-builder==1.3.0 installed`);
  process.exit(1);
}
const extra = process.argv.includes('--development') ? ['--development', '--source-map'] : [];
const r = spawnSync(python, ['-m', 'jupyter_builder.main', 'build', ...extra, ext], { stdio: 'inherit' });
process.exit(r.status ?? 1);

// The Python distribution `alpha-factory-lab` ships the prebuilt labextension, so end users
// `pip install` it and need no Node. This builds the wheel and checks it carries the
// federated extension (package.json, remoteEntry, settings schema, install.json) where
// JupyterLab looks for it. (The browser tests run against this same package pip-installed
// into .venv by `make`.)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const python = process.env.AF_PYTHON ?? join(root, '.venv', 'bin', 'python');

test('the wheel carries the prebuilt labextension under share/jupyter/labextensions', () => {
  const out = mkdtempSync(join(tmpdir(), 'af-wheel-'));
  const build = spawnSync(python, ['-m', 'pip', 'wheel', '--quiet', '--no-deps', '--no-build-isolation', '-w', out, root], { encoding: 'utf8' });
  assert.equal(build.status, 0, build.stderr);
  const wheel = readdirSync(out).find((f) => f.endsWith('.whl'));
  assert.ok(wheel, 'a wheel was built');
  const list = spawnSync(python, ['-c', 'import sys, zipfile; print("\\n".join(zipfile.ZipFile(sys.argv[1]).namelist()))', join(out, wheel)], { encoding: 'utf8' });
  assert.equal(list.status, 0, list.stderr);
  const names = list.stdout.split('\n');
  const prefix = 'alpha_factory_lab-0.1.0.data/data/share/jupyter/labextensions/@alpha-factory/jupyterlab/';
  for (const needed of ['package.json', 'install.json', 'schemas/@alpha-factory/jupyterlab/plugin.json']) {
    assert.ok(names.includes(prefix + needed), `${needed} in the wheel`);
  }
  assert.ok(names.some((n) => n.startsWith(prefix + 'static/remoteEntry.') && n.endsWith('.js')), 'the federated remoteEntry is in the wheel');
});

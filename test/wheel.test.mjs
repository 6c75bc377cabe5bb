// The Python distribution `alpha-factory-lab` ships the prebuilt labextension, so end users
// `pip install` it and need no Node. The first test builds the wheel and checks it carries the
// federated extension (package.json, remoteEntry, settings schema, install.json) where
// JupyterLab looks for it. The second installs that wheel with JupyterLab (the version pinned
// in requirements-dev.txt) into a fresh venv (no system site-packages, no user Jupyter folders,
// no node on PATH) and asks that JupyterLab what it sees: `jupyter labextension list` shows the
// extension enabled and OK, and a started server serves the plugin's settings schema.
// (The browser tests run against this same package pip-installed into .venv by `make`.)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from './lab-server.mjs';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const python = process.env.AF_PYTHON ?? join(root, '.venv', 'bin', 'python');
const EXT = '@alpha-factory/jupyterlab';

let built = null;
/** Builds the wheel once for both tests; returns its path. */
function buildWheel() {
  if (built) return built;
  const out = mkdtempSync(join(tmpdir(), 'af-wheel-'));
  const build = spawnSync(python, ['-m', 'pip', 'wheel', '--quiet', '--no-deps', '--no-build-isolation', '-w', out, root], { encoding: 'utf8' });
  assert.equal(build.status, 0, build.stderr);
  const wheel = readdirSync(out).find((f) => f.endsWith('.whl'));
  assert.ok(wheel, 'a wheel was built');
  built = join(out, wheel);
  return built;
}

test('the wheel carries the prebuilt labextension under share/jupyter/labextensions', () => {
  const wheel = buildWheel();
  const list = spawnSync(python, ['-c', 'import sys, zipfile; print("\\n".join(zipfile.ZipFile(sys.argv[1]).namelist()))', wheel], { encoding: 'utf8' });
  assert.equal(list.status, 0, list.stderr);
  const names = list.stdout.split('\n');
  const prefix = 'alpha_factory_lab-0.1.0.data/data/share/jupyter/labextensions/@alpha-factory/jupyterlab/';
  for (const needed of ['package.json', 'install.json', 'schemas/@alpha-factory/jupyterlab/plugin.json']) {
    assert.ok(names.includes(prefix + needed), `${needed} in the wheel`);
  }
  assert.ok(names.some((n) => n.startsWith(prefix + 'static/remoteEntry.') && n.endsWith('.js')), 'the federated remoteEntry is in the wheel');
  // the server extension (the GPU Jobs panel's Ray proxy) and the config file that enables it
  assert.ok(names.includes('alpha_factory_lab/ray_proxy.py'), 'the server extension module is in the wheel');
  assert.ok(names.includes('alpha_factory_lab-0.1.0.data/data/etc/jupyter/jupyter_server_config.d/alpha_factory_lab.json'), 'the server extension is enabled by a jupyter_server_config.d file');
});

test('pip install of the wheel into a clean venv gives a JupyterLab with the extension and no Node', { timeout: 10 * 60 * 1000 }, async (t) => {
  const pin = /^jupyterlab==(\S+)$/m.exec(readFileSync(join(root, 'requirements-dev.txt'), 'utf8'));
  assert.ok(pin, 'requirements-dev.txt pins jupyterlab');
  const wheel = buildWheel();
  const scratch = mkdtempSync(join(tmpdir(), 'af-clean-venv-'));
  t.after(() => rmSync(scratch, { recursive: true, force: true }));
  const venv = join(scratch, 'venv');
  // a venv of the same base interpreter, without --system-site-packages
  const mk = spawnSync(python, ['-m', 'venv', venv], { encoding: 'utf8' });
  assert.equal(mk.status, 0, mk.stderr);
  const bin = join(venv, 'bin');
  // only the venv on PATH (on this Debian /bin is /usr/bin, where node lives); the user's Jupyter
  // folders replaced by empty ones (HOME stays for pip's configuration and cache)
  const home = join(scratch, 'home');
  mkdirSync(home);
  const env = {
    PATH: bin,
    HOME: process.env.HOME ?? home,
    LANG: 'C.UTF-8',
    JUPYTER_CONFIG_DIR: join(home, '.jupyter'),
    JUPYTER_DATA_DIR: join(home, '.local', 'share', 'jupyter'),
    JUPYTER_RUNTIME_DIR: join(home, 'runtime'),
    JUPYTERLAB_SETTINGS_DIR: join(home, 'lab-settings'),
    JUPYTERLAB_WORKSPACES_DIR: join(home, 'lab-workspaces'),
    JUPYTER_PLATFORM_DIRS: '1',
  };
  for (const k of ['PIP_CERT', 'PIP_FIND_LINKS', 'PIP_DEFAULT_TIMEOUT', 'PIP_DISABLE_PIP_VERSION_CHECK', 'PIP_INDEX_URL', 'PIP_EXTRA_INDEX_URL', 'PIP_CONFIG_FILE', 'PIP_CACHE_DIR', 'SSL_CERT_FILE']) {
    if (process.env[k] !== undefined) env[k] = process.env[k];
  }
  const noNode = spawnSync('node', ['--version'], { env, encoding: 'utf8' });
  assert.equal(noNode.error?.code, 'ENOENT', 'node is not on the clean PATH');

  const pip = spawnSync(join(bin, 'python'), ['-m', 'pip', 'install', '--quiet', wheel, `jupyterlab==${pin[1]}`], { env, encoding: 'utf8', cwd: scratch });
  assert.equal(pip.status, 0, `pip install failed:\n${pip.stderr}`);
  const site = spawnSync(join(bin, 'python'), ['-c', 'import sys; print(sys.prefix != sys.base_prefix)'], { env, encoding: 'utf8' });
  assert.equal(site.stdout.trim(), 'True', 'a real venv');

  const version = spawnSync(join(bin, 'jupyter'), ['lab', '--version'], { env, encoding: 'utf8', cwd: scratch });
  assert.equal(version.status, 0, version.stderr);
  assert.equal(version.stdout.trim(), pin[1]);

  const list = spawnSync(join(bin, 'jupyter'), ['labextension', 'list'], { env, encoding: 'utf8', cwd: scratch });
  assert.equal(list.status, 0, list.stderr);
  const text = `${list.stdout}\n${list.stderr}`;
  // the section of the venv's own share/jupyter/labextensions holds our extension
  const sections = text.split(/\n(?=\s*\/)/);
  const ours = sections.find((s) => s.trim().startsWith(join(venv, 'share', 'jupyter', 'labextensions')));
  assert.ok(ours, `a section for the venv's labextensions folder:\n${text}`);
  const line = ours.split('\n').find((l) => l.includes(EXT));
  assert.ok(line, `${EXT} listed under the venv:\n${text}`);
  assert.match(line, /enabled/, line);
  assert.match(line, /OK/, line);
  assert.doesNotMatch(text, /node|npm/i, 'nothing asks for Node');

  // the server extension is enabled and loads
  const serverExt = spawnSync(join(bin, 'jupyter'), ['server', 'extension', 'list'], { env, encoding: 'utf8', cwd: scratch });
  assert.equal(serverExt.status, 0, serverExt.stderr);
  // (coloured even without a terminal)
  // eslint-disable-next-line no-control-regex
  const serverText = `${serverExt.stdout}\n${serverExt.stderr}`.replace(/\x1b\[[0-9;]*m/g, '');
  assert.match(serverText, /alpha_factory_lab\s+enabled/, serverText);
  assert.match(serverText, /alpha_factory_lab\s+0\.1\.0\s+OK/, serverText);

  // the server of that venv serves the plugin's settings schema
  const port = await freePort();
  const args = ['lab', '--no-browser', `--port=${port}`, '--ip=127.0.0.1', '--ServerApp.token=', '--ServerApp.password=', `--ServerApp.root_dir=${scratch}`, '--LabApp.news_url=None', '--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate'];
  if (process.getuid && process.getuid() === 0) args.push('--allow-root');
  let log = '';
  const lab = spawn(join(bin, 'jupyter'), args, { env, cwd: scratch, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  lab.stdout.on('data', (d) => (log += d));
  lab.stderr.on('data', (d) => (log += d));
  try {
    let settings = null;
    for (let i = 0; i < 180 && !settings; i++) {
      assert.equal(lab.exitCode, null, `jupyter lab exited:\n${log}`);
      try {
        const r = await fetch(`http://127.0.0.1:${port}/lab/api/settings`);
        if (r.ok) settings = await r.json();
      } catch {
        // not up yet
      }
      if (!settings) await new Promise((r) => setTimeout(r, 500));
    }
    assert.ok(settings, `the server answered:\n${log}`);
    const plugin = settings.settings.find((s) => s.id === `${EXT}:plugin`);
    assert.ok(plugin, `settings for ${EXT}:plugin: ${settings.settings.map((s) => s.id).filter((id) => id.startsWith('@alpha')).join(', ')}`);
    assert.equal(plugin.schema.title, 'Alpha Factory');
    assert.ok('rayDashboardUrl' in plugin.schema.properties, 'the Ray dashboard setting is in the served schema');
    const page = await (await fetch(`http://127.0.0.1:${port}/lab`)).text();
    assert.match(page, /"name":\s*"@alpha-factory\/jupyterlab"/, 'the lab page loads our federated extension');
    // the server extension's Ray proxy answers: a non-http address is refused, an unreachable cluster is a JSON error
    const bad = await fetch(`http://127.0.0.1:${port}/alpha-factory/ray/jobs?address=${encodeURIComponent('ftp://ray:21')}`);
    assert.equal(bad.status, 400);
    assert.equal((await bad.json()).error.code, 'ray_address');
    const nobody = await freePort();
    const down = await fetch(`http://127.0.0.1:${port}/alpha-factory/ray/jobs?address=${encodeURIComponent(`http://127.0.0.1:${nobody}`)}`);
    assert.equal(down.status, 502);
    const downBody = await down.json();
    assert.equal(downBody.error.code, 'ray_unreachable');
    assert.match(downBody.error.message, new RegExp(`cannot reach the Ray dashboard at http://127\\.0\\.0\\.1:${nobody}`));
  } finally {
    try {
      process.kill(-lab.pid, 'SIGTERM');
    } catch {
      // already gone
    }
  }
});

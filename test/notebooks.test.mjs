// Executes every tutorial in notebooks/ with the tslab kernel through `alpha-factory report`
// (nbclient + nbconvert from the project venv) and checks the HTML reports: each chart is
// kept as an SVG image that needs no JavaScript, and the experiment manifest is embedded
// and written into the executed notebook's metadata.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, mkdirSync, existsSync } from 'node:fs';
import { join, dirname, basename } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const out = join(process.env.AF_TEST_OUTPUT ?? join(root, 'test-output'), 'reports');
const python = process.env.AF_PYTHON ?? join(root, '.venv', 'bin', 'python');
const cli = join(root, 'kernel-lib', 'bin', 'alpha-factory.js');
mkdirSync(out, { recursive: true });

const notebooks = readdirSync(join(root, 'notebooks')).filter((f) => /^\d\d-.*\.ipynb$/.test(f)).sort();

/** The SVG documents embedded as data-URI images in an nbconvert HTML export. */
export function svgImages(html) {
  const found = [];
  for (const m of html.matchAll(/<img[^>]*src="data:image\/svg\+xml;base64,([A-Za-z0-9+/=]+)"/g)) {
    found.push(Buffer.from(m[1], 'base64').toString('utf8'));
  }
  return found;
}

function manifestOf(html) {
  const m = /<script type="application\/json" id="alpha-factory-manifest">([\s\S]*?)<\/script>/.exec(html);
  assert.ok(m, 'the report embeds the experiment manifest');
  return JSON.parse(m[1]);
}

test('there is a quickstart tutorial', () => {
  assert.ok(notebooks.includes('00-quickstart.ipynb'), `notebooks: ${notebooks.join(', ')}`);
});

for (const nb of notebooks) {
  test(`${nb} executes with tslab and exports an HTML report with charts and manifest`, { timeout: 20 * 60 * 1000 }, () => {
    const name = basename(nb, '.ipynb');
    const html = join(out, `${name}.html`);
    const executed = join(out, `${name}.ipynb`);
    const r = spawnSync(process.execPath, [cli, 'report', join(root, 'notebooks', nb), '--html', html, '--executed', executed], {
      encoding: 'utf8',
      env: { ...process.env, ALPHA_FACTORY_PYTHON: python },
    });
    assert.equal(r.status, 0, `report failed:\n${r.stdout}\n${r.stderr}`);
    assert.ok(existsSync(html));
    const text = readFileSync(html, 'utf8');

    const svgs = svgImages(text);
    assert.ok(svgs.length >= 1, 'at least one chart kept as SVG');
    for (const svg of svgs) assert.match(svg, /^<svg[^>]*xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);

    const embedded = manifestOf(text);
    const meta = JSON.parse(readFileSync(executed, 'utf8')).metadata.alpha_factory;
    assert.deepEqual(meta.manifest, embedded.manifest, 'notebook metadata and HTML carry the same manifest');
    const m = embedded.manifest;
    assert.equal(m.kind, 'manifest');
    assert.match(m.versions.tslab, /^\d+\.\d+\.\d+/);
    assert.match(m.versions.typescript, /^5\.0\./);
    assert.match(m.versions.node, /^v\d+/);
    assert.ok(Date.parse(m.created_at) > 0);
    for (const d of m.data) {
      if (d.path && existsSync(d.path)) {
        const sha = createHash('sha256').update(readFileSync(d.path)).digest('hex');
        assert.equal(d.sha256, sha, `hash of ${d.path}`);
      }
    }
    if (nb === '00-quickstart.ipynb') {
      assert.ok(svgs.length >= 2, 'price and rolling volatility charts');
      assert.ok(m.data.some((d) => d.path && d.path.endsWith('sp500_index_daily.csv')), 'the S&P 500 file is in the manifest');
      assert.match(text, /application\/vnd\.alpha-factory\.|af-payload|af-panel/, 'a payload output is in the report');
    }
  });
}

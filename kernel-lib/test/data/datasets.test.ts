import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import * as kernel from '../../src';
import { clearDataReadLog, dataReadLog, datasets } from '../../src/data';

test('datasets.list gives the three bundled files with provenance', () => {
  const all = datasets.list();
  assert.deepEqual(all.map((d) => d.name), ['sp500Index', 'sp500Stocks', 'stockPrices20']);
  for (const d of all) {
    assert.ok(d.source.length > 10 && d.licence.length > 2, d.name);
    assert.ok(readFileSync(datasets.path(d.name)).length > 0);
  }
  assert.throws(() => datasets.load('nope'), /no dataset "nope" \(datasets: sp500Index, sp500Stocks, stockPrices20\)/);
});

test('loading a dataset records name, path, sha256 of the bytes on disk and rows in the read log', () => {
  clearDataReadLog();
  const p = datasets.load('stockPrices20');
  assert.equal(p, datasets.stockPrices20()); // cached per process
  const log = dataReadLog();
  assert.equal(log.length, 1);
  const sha = createHash('sha256').update(readFileSync(datasets.path('stockPrices20'))).digest('hex');
  assert.deepEqual(log[0], { name: 'stockPrices20', path: datasets.path('stockPrices20'), sha256: sha, rows: 7126 });
  assert.equal(p.source?.sha256, sha);
  assert.equal(p.source?.name, 'stockPrices20');
  // a new experiment clears the log; the cached dataset is logged again when used
  clearDataReadLog();
  datasets.stockPrices20();
  assert.deepEqual(dataReadLog(), log);
});

test('the package root exports the data layer', () => {
  assert.equal(kernel.datasets, datasets);
  assert.equal(typeof kernel.loadPanel, 'function');
  assert.equal(typeof kernel.describe, 'function');
  assert.equal(typeof kernel.syntheticMarket, 'function');
  assert.equal(typeof kernel.data.validateFile, 'function');
});

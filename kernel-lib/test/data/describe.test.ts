import assert from 'node:assert/strict';
import { test } from 'node:test';
import { datasets, describe } from '../../src/data';
import type { SeriesStats } from '../../src/data/describe';
import { close, fixture } from './helpers';

type Stats = Omit<SeriesStats, 'field' | 'asset'>;
interface DescribeFixture {
  sp500Index: { dates: number; first: string; last: string; fields: Record<string, Stats> };
  stockPrices20: { dates: number; assets: string[]; first: string; last: string; close: Record<string, Stats> };
  sp500Stocks: {
    rows: number;
    dates: number;
    first: string;
    last: string;
    assets: number;
    assetsSorted: string[];
    missingPerField: Record<string, number>;
    subset: Record<string, Record<string, Stats>>;
    closeAll: Record<string, Stats>;
  };
}

const FX = fixture<DescribeFixture>('describe.json');
const KEYS: (keyof Stats)[] = ['count', 'missing', 'mean', 'std', 'min', 'q25', 'median', 'q75', 'max'];

function check(got: SeriesStats | undefined, want: Stats, what: string): void {
  assert.ok(got, `${what}: no row`);
  for (const k of KEYS) close(got[k] as number, want[k] as number | null, 1e-11, `${what} ${k}`);
}

test('describe(sp500Index) matches pandas describe() on every field', () => {
  const p = datasets.sp500Index();
  assert.equal(p.nDates, FX.sp500Index.dates);
  assert.equal(p.dates[0], FX.sp500Index.first);
  assert.equal(p.dates[p.nDates - 1], FX.sp500Index.last);
  const d = describe(p);
  for (const [field, want] of Object.entries(FX.sp500Index.fields)) check(d.get(field, 'SPX'), want, `SPX ${field}`);
});

test('describe(stockPrices20) matches pandas describe() per asset (ragged NaN starts)', () => {
  const p = datasets.stockPrices20();
  assert.deepEqual(p.assets, FX.stockPrices20.assets);
  assert.equal(p.nDates, FX.stockPrices20.dates);
  const d = describe(p);
  for (const [asset, want] of Object.entries(FX.stockPrices20.close)) check(d.get('close', asset), want, `close ${asset}`);
});

test('sp500Stocks: shape and missing counts match the pandas pivot; describe matches on a subset and on every close', () => {
  const fx = FX.sp500Stocks;
  const p = datasets.sp500Stocks();
  assert.equal(p.nDates, fx.dates);
  assert.equal(p.dates[0], fx.first);
  assert.equal(p.dates[p.nDates - 1], fx.last);
  assert.equal(p.nAssets, fx.assets);
  assert.deepEqual(p.assets.slice().sort(), fx.assetsSorted);
  for (const [f, n] of Object.entries(fx.missingPerField)) {
    let nan = 0;
    for (const v of p.field(f)) if (Number.isNaN(v)) nan++;
    assert.equal(nan, n, `missing ${f}`);
  }
  const assets = Object.keys(fx.subset.close);
  const d = describe(p, { assets });
  for (const [field, per] of Object.entries(fx.subset)) {
    for (const [asset, want] of Object.entries(per)) check(d.get(field, asset), want, `${field} ${asset}`);
  }
  const all = describe(p, { fields: ['close'] });
  for (const [asset, want] of Object.entries(fx.closeAll)) check(all.get('close', asset), want, `close ${asset}`);
});

test('describe: empty and one-value series follow pandas (NaN std, NaN everything when empty)', () => {
  const { seriesStats } = require('../../src/data/describe') as typeof import('../../src/data/describe');
  const one = seriesStats([NaN, 5, NaN]);
  assert.equal(one.count, 1);
  assert.equal(one.missing, 2);
  assert.equal(one.mean, 5);
  assert.ok(Number.isNaN(one.std));
  assert.equal(one.q25, 5);
  const none = seriesStats([NaN]);
  assert.equal(none.count, 0);
  assert.ok(Number.isNaN(none.mean) && Number.isNaN(none.min) && Number.isNaN(none.median));
});

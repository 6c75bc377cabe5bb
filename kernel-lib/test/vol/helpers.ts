/** Shared helpers for the vol tests: fixture loading and the S&P 500 return series. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { GarchSpec } from '../../src/vol/spec';

export const FIXTURES = join(__dirname, '..', '..', '..', 'test', 'fixtures', 'vol');
export const DATA = join(__dirname, '..', '..', '..', 'data');

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function loadFixture(name: string): any {
  return JSON.parse(readFileSync(join(FIXTURES, name), 'utf8'));
}

/** 100 * adj_close.pct_change() of the arch S&P 500 sample (5,030 returns). */
export function sp500Returns(): Float64Array {
  const lines = readFileSync(join(DATA, 'sp500_index_daily.csv'), 'utf8').trim().split('\n');
  const header = lines[0].split(',');
  const col = header.indexOf('adj_close');
  const px = lines.slice(1).map((l) => Number(l.split(',')[col]));
  const y = new Float64Array(px.length - 1);
  for (let i = 1; i < px.length; i++) y[i - 1] = 100 * (px[i] / px[i - 1] - 1);
  return y;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function specOfCase(c: any): GarchSpec {
  const mean = c.mean === 'ar1' ? { mean: 'ar' as const, lags: 1 } : { mean: c.mean as 'constant' | 'zero' };
  if (c.vol === 'EWMA') return { ...mean, vol: 'ewma', dist: c.dist };
  if (c.vol === 'EWMA_EST') return { ...mean, vol: 'ewma', lambda: null, dist: c.dist };
  if (c.vol === 'CONST') return { ...mean, vol: 'constant', dist: c.dist };
  const vol = c.vol === 'EGARCH' ? 'egarch' : c.power === 1 ? 'tarch' : c.o > 0 ? 'gjr' : 'garch';
  return { ...mean, vol, p: c.p, o: c.o, q: c.q, dist: c.dist };
}

export function relErr(a: number, b: number): number {
  return Math.abs(a - b) / Math.abs(b);
}

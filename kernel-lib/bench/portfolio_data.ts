/**
 * The 500-asset covariance used by `npm run bench:portfolio`: daily closes of the 500 S&P 500
 * constituents with the most history in data/sp500_stocks_5yr_ohlcv.csv.gz (2013-02-08 ..
 * 2018-02-07), simple returns, Ledoit-Wolf covariance x 252 (positive definite; the pairwise sample covariance of 500
 * assets with ragged histories is not).
 */
import { join } from 'node:path';
import { readCsv } from '../src/data/load';
import { fromPanel, assetTable, type AssetTable } from '../src/portfolio/table';
import { returnsFromPrices } from '../src/portfolio/returns';
import { ledoitWolf, type CovarianceEstimate } from '../src/portfolio/covariance';

export function sp500Returns(nAssets = 500): AssetTable {
  const panel = readCsv(join(__dirname, '..', '..', 'data', 'sp500_stocks_5yr_ohlcv.csv.gz'), { fields: ['close'] });
  const prices = fromPanel(panel, 'close');
  const n = prices.assets.length;
  const counts = prices.assets.map((_a, i) => {
    let c = 0;
    for (let t = 0; t < prices.rows; t++) if (!Number.isNaN(prices.values[t * n + i])) c++;
    return { i, c };
  });
  counts.sort((a, b) => b.c - a.c || (prices.assets[a.i] < prices.assets[b.i] ? -1 : 1));
  const pick = counts.slice(0, nAssets).map((x) => x.i).sort((a, b) => a - b);
  const values = new Float64Array(prices.rows * pick.length);
  for (let t = 0; t < prices.rows; t++) pick.forEach((i, k) => (values[t * pick.length + k] = prices.values[t * n + i]));
  return returnsFromPrices(assetTable(pick.map((i) => prices.assets[i]), values, prices.dates));
}

export function sp500Covariance(nAssets = 500): CovarianceEstimate {
  return ledoitWolf(sp500Returns(nAssets));
}

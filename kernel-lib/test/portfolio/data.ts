import { join } from 'node:path';
import { readCsv } from '../../src/data/load';
import { fromPanel, type AssetTable } from '../../src/portfolio/table';
import { returnsFromPrices } from '../../src/portfolio/returns';
import { KERNEL_ROOT } from './fixtures';

let cache: { prices: AssetTable; returns: AssetTable } | undefined;

/** The ragged 20-stock file (PyPortfolioOpt's test data) as prices and pct_change().dropna(how="all") returns. */
export function stocks20(): { prices: AssetTable; returns: AssetTable } {
  if (!cache) {
    const panel = readCsv(join(KERNEL_ROOT, 'data', 'stock_prices_20.csv'), { fieldName: 'close' });
    const prices = fromPanel(panel, 'close');
    cache = { prices, returns: returnsFromPrices(prices) };
  }
  return cache;
}

/** The complete 8-stock returns file written by the fixture script. */
export function returns8(): AssetTable {
  const panel = readCsv(join(KERNEL_ROOT, 'test', 'fixtures', 'portfolio', 'returns_8.csv'), { fieldName: 'returns' });
  return fromPanel(panel, 'returns');
}

/**
 * What the miner may build: fields, operators grouped by signature, and the windows it picks
 * from. Defaults follow AlphaForge's search space (features open, high, low, close, volume,
 * vwap; windows 10..50 plus short ones) with the DSL's cross-sectional operators added.
 */
import { defaultRegistry, type OperatorRegistry } from '../ops';
import { InvalidArgumentError } from '../../errors';

export interface MinerGrammar {
  fields: string[];
  /** f(x) */
  unary: string[];
  /** f(x, y) */
  binary: string[];
  /** f(x, d) */
  rolling: string[];
  /** f(x, y, d) */
  pair: string[];
  windows: number[];
}

export const DEFAULT_GRAMMAR: Readonly<MinerGrammar> = Object.freeze({
  fields: ['open', 'high', 'low', 'close', 'volume', 'vwap'],
  unary: ['neg', 'abs', 'log', 'slog1p', 'inv', 'sign', 'cs_rank', 'cs_zscore'],
  binary: ['add', 'sub', 'mul', 'div', 'max2', 'min2'],
  rolling: ['delay', 'delta', 'ts_mean', 'ts_sum', 'ts_std', 'ts_max', 'ts_min', 'ts_median', 'ts_mad', 'ts_rank', 'ts_pct', 'ts_wma', 'ts_ema', 'ts_slope'],
  pair: ['ts_corr', 'ts_cov'],
  windows: [5, 10, 20, 30, 40, 50],
});

/** Check every operator exists in the registry with the signature its group implies. */
export function checkGrammar(g: MinerGrammar, registry: OperatorRegistry = defaultRegistry): void {
  const infos = new Map(registry.list().map((o) => [o.name, o]));
  const expect = (names: string[], sig: string[]) => {
    for (const n of names) {
      const info = infos.get(n);
      if (!info) throw new InvalidArgumentError(`miner grammar: unknown operator "${n}"`);
      const types = info.args.filter((a) => a.default === undefined).map((a) => (a.type === 'lag' ? 'window' : a.type));
      if (types.join(',') !== sig.join(',')) {
        throw new InvalidArgumentError(`miner grammar: operator "${n}" takes (${types.join(', ')}), not (${sig.join(', ')})`);
      }
    }
  };
  expect(g.unary, ['series']);
  expect(g.binary, ['series', 'series']);
  expect(g.rolling, ['series', 'window']);
  expect(g.pair, ['series', 'series', 'window']);
  if (g.fields.length === 0) throw new InvalidArgumentError('miner grammar needs at least one field');
  if (g.windows.some((w) => !Number.isInteger(w) || w < 1)) throw new InvalidArgumentError('miner windows must be integers >= 1');
}

import type { LibraryAlpha } from './types';

/**
 * Formulas from Kakushadze, "101 Formulaic Alphas" (Wilmott 2016, arXiv:1601.00991), pasted in as
 * the paper writes them: `rank` is cross-sectional, `Ts_Rank`/`ts_rank` a time-series rank,
 * `sum`/`stddev`/`min`/`max`/`product` are time-series operators over d days, `delay`, `delta`,
 * `correlation`, `covariance`, `decay_linear`, `scale`, `SignedPower`, `adv{d}`, `a ? b : c`,
 * `||`, and fractional windows floored. The selection leaves out the alphas that need industry
 * classifications (IndNeutralize) or market cap, which a price-volume panel does not carry.
 *
 * Conventions that differ between implementations of the paper and are this engine's: ranks are
 * percentiles in (0, 1] (the paper's rank is "cross-sectional rank", scale-free), Ts_Rank is a
 * percentile in (0, 1] too, ts_argmax counts 1 = oldest ... d = today, vwap is the
 * (high + low + close) / 3 proxy on daily bars.
 */
const FORMULAS: [number, string][] = [
  [1, '(rank(Ts_ArgMax(SignedPower(((returns < 0) ? stddev(returns, 20) : close), 2.), 5)) - 0.5)'],
  [2, '(-1 * correlation(rank(delta(log(volume), 2)), rank(((close - open) / open)), 6))'],
  [3, '(-1 * correlation(rank(open), rank(volume), 10))'],
  [4, '(-1 * Ts_Rank(rank(low), 9))'],
  [5, '(rank((open - (sum(vwap, 10) / 10))) * (-1 * abs(rank((close - vwap)))))'],
  [6, '(-1 * correlation(open, volume, 10))'],
  [7, '((adv20 < volume) ? ((-1 * ts_rank(abs(delta(close, 7)), 60)) * sign(delta(close, 7))) : (-1 * 1))'],
  [8, '(-1 * rank(((sum(open, 5) * sum(returns, 5)) - delay((sum(open, 5) * sum(returns, 5)), 10))))'],
  [9, '((0 < ts_min(delta(close, 1), 5)) ? delta(close, 1) : ((ts_max(delta(close, 1), 5) < 0) ? delta(close, 1) : (-1 * delta(close, 1))))'],
  [10, 'rank(((0 < ts_min(delta(close, 1), 4)) ? delta(close, 1) : ((ts_max(delta(close, 1), 4) < 0) ? delta(close, 1) : (-1 * delta(close, 1)))))'],
  [11, '((rank(ts_max((vwap - close), 3)) + rank(ts_min((vwap - close), 3))) * rank(delta(volume, 3)))'],
  [12, '(sign(delta(volume, 1)) * (-1 * delta(close, 1)))'],
  [13, '(-1 * rank(covariance(rank(close), rank(volume), 5)))'],
  [14, '((-1 * rank(delta(returns, 3))) * correlation(open, volume, 10))'],
  [15, '(-1 * sum(rank(correlation(rank(high), rank(volume), 3)), 3))'],
  [16, '(-1 * rank(covariance(rank(high), rank(volume), 5)))'],
  [17, '(((-1 * rank(ts_rank(close, 10))) * rank(delta(delta(close, 1), 1))) * rank(ts_rank((volume / adv20), 5)))'],
  [18, '(-1 * rank(((stddev(abs((close - open)), 5) + (close - open)) + correlation(close, open, 10))))'],
  [19, '((-1 * sign(((close - delay(close, 7)) + delta(close, 7)))) * (1 + rank((1 + sum(returns, 250)))))'],
  [20, '(((-1 * rank((open - delay(high, 1)))) * rank((open - delay(close, 1)))) * rank((open - delay(low, 1))))'],
  [
    21,
    '((((sum(close, 8) / 8) + stddev(close, 8)) < (sum(close, 2) / 2)) ? (-1 * 1) : (((sum(close, 2) / 2) < ((sum(close, 8) / 8) - stddev(close, 8))) ? 1 : (((1 < (volume / adv20)) || ((volume / adv20) == 1)) ? 1 : (-1 * 1))))',
  ],
  [22, '(-1 * (delta(correlation(high, volume, 5), 5) * rank(stddev(close, 20))))'],
  [23, '(((sum(high, 20) / 20) < high) ? (-1 * delta(high, 2)) : 0)'],
  [
    24,
    '((((delta((sum(close, 100) / 100), 100) / delay(close, 100)) < 0.05) || ((delta((sum(close, 100) / 100), 100) / delay(close, 100)) == 0.05)) ? (-1 * (close - ts_min(close, 100))) : (-1 * delta(close, 3)))',
  ],
  [25, 'rank(((((-1 * returns) * adv20) * vwap) * (high - close)))'],
  [26, '(-1 * ts_max(correlation(ts_rank(volume, 5), ts_rank(high, 5), 5), 3))'],
  [28, 'scale(((correlation(adv20, low, 5) + ((high + low) / 2)) - close))'],
  [
    30,
    '(((1.0 - rank(((sign((close - delay(close, 1))) + sign((delay(close, 1) - delay(close, 2)))) + sign((delay(close, 2) - delay(close, 3)))))) * sum(volume, 5)) / sum(volume, 20))',
  ],
  [32, '(scale(((sum(close, 7) / 7) - close)) + (20 * scale(correlation(vwap, delay(close, 5), 230))))'],
  [33, 'rank((-1 * ((1 - (open / close))^1)))'],
  [34, 'rank(((1 - rank((stddev(returns, 2) / stddev(returns, 5)))) + (1 - rank(delta(close, 1)))))'],
  [35, '((Ts_Rank(volume, 32) * (1 - Ts_Rank(((close + high) - low), 16))) * (1 - Ts_Rank(returns, 32)))'],
  [37, '(rank(correlation(delay((open - close), 1), close, 200)) + rank((open - close)))'],
  [38, '((-1 * rank(Ts_Rank(close, 10))) * rank((close / open)))'],
  [39, '((-1 * rank((delta(close, 7) * (1 - rank(decay_linear((volume / adv20), 9)))))) * (1 + rank(sum(returns, 250))))'],
  [40, '((-1 * rank(stddev(high, 10))) * correlation(high, volume, 10))'],
  [41, '(((high * low)^0.5) - vwap)'],
  [42, '(rank((vwap - close)) / rank((vwap + close)))'],
  [43, '(ts_rank((volume / adv20), 20) * ts_rank((-1 * delta(close, 7)), 8))'],
  [44, '(-1 * correlation(high, rank(volume), 5))'],
  [45, '(-1 * ((rank((sum(delay(close, 5), 20) / 20)) * correlation(close, volume, 2)) * rank(correlation(sum(close, 5), sum(close, 20), 2))))'],
  [
    46,
    '((0.25 < (((delay(close, 20) - delay(close, 10)) / 10) - ((delay(close, 10) - close) / 10))) ? (-1 * 1) : (((((delay(close, 20) - delay(close, 10)) / 10) - ((delay(close, 10) - close) / 10)) < 0) ? 1 : ((-1 * 1) * (close - delay(close, 1)))))',
  ],
  [47, '((((rank((1 / close)) * volume) / adv20) * ((high * rank((high - close))) / (sum(high, 5) / 5))) - rank((vwap - delay(vwap, 5))))'],
  [
    49,
    '(((((delay(close, 20) - delay(close, 10)) / 10) - ((delay(close, 10) - close) / 10)) < (-1 * 0.1)) ? 1 : ((-1 * 1) * (close - delay(close, 1))))',
  ],
  [50, '(-1 * ts_max(rank(correlation(rank(volume), rank(vwap), 5)), 5))'],
  [
    51,
    '(((((delay(close, 20) - delay(close, 10)) / 10) - ((delay(close, 10) - close) / 10)) < (-1 * 0.05)) ? 1 : ((-1 * 1) * (close - delay(close, 1))))',
  ],
  [52, '((((-1 * ts_min(low, 5)) + delay(ts_min(low, 5), 5)) * rank(((sum(returns, 240) - sum(returns, 20)) / 220))) * ts_rank(volume, 5))'],
  [53, '(-1 * delta((((close - low) - (high - close)) / (close - low)), 9))'],
  [54, '((-1 * ((low - close) * (open^5))) / ((low - high) * (close^5)))'],
  [55, '(-1 * correlation(rank(((close - ts_min(low, 12)) / (ts_max(high, 12) - ts_min(low, 12)))), rank(volume), 6))'],
  [57, '(0 - (1 * ((close - vwap) / decay_linear(rank(ts_argmax(close, 30)), 2))))'],
  [60, '(0 - (1 * ((2 * scale(rank(((((close - low) - (high - close)) / (high - low)) * volume)))) - scale(rank(ts_argmax(close, 10))))))'],
  [83, '((rank(delay(((high - low) / (sum(close, 5) / 5)), 2)) * rank(rank(volume))) / (((high - low) / (sum(close, 5) / 5)) / (vwap - close)))'],
  [84, 'SignedPower(Ts_Rank((vwap - ts_max(vwap, 15.3217)), 20.7127), delta(close, 4.96796))'],
  [94, '((rank((vwap - ts_min(vwap, 11.5783)))^Ts_Rank(correlation(Ts_Rank(vwap, 19.6462), Ts_Rank(adv60, 4.02992), 18.0926), 2.70756)) * -1)'],
  [101, '((close - open) / ((high - low) + .001))'],
];

/** The Alpha101 formulas of this library, named alpha001 ... alpha101. */
export const ALPHA101: readonly LibraryAlpha[] = FORMULAS.map(([n, formula]) => ({
  name: `alpha${String(n).padStart(3, '0')}`,
  formula,
  family: 'alpha101',
  description: `Alpha#${n} of "101 Formulaic Alphas" (Kakushadze 2016)`,
}));

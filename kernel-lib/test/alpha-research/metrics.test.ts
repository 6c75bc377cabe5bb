/**
 * Parity of the factor metrics with pandas/scipy (fixtures from scripts/fixtures/alpha_research.py).
 */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import {
  averageRanks,
  dailyFactorReturn,
  dailyIC,
  dailyRankIC,
  evaluateFactor,
  forwardReturnFromPrices,
  icDecay,
  quantileReturns,
  quantileTurnover,
  rankAutocorrelation,
  summarizeSeries,
  weightTurnover,
} from '../../src/alpha/metrics';
import { arr, assertClose, assertNum, readFixture } from './helpers';

type Summ = { mean: number; std: number; ir: number; tStat: number; pValue: number; days: number };
interface Case {
  name: string;
  nDates: number;
  nAssets: number;
  horizon: number;
  minAssets: number;
  quantiles: number;
  factor: (number | null)[];
  close: (number | null)[];
  label: (number | null)[];
  ic: (number | null)[];
  rankIC: (number | null)[];
  factorReturn: (number | null)[];
  icSummary: Summ;
  rankICSummary: Summ;
  factorReturnSummary: Summ;
  quantileDaily: (number | null)[];
  quantileMean: (number | null)[];
  spread: (number | null)[];
  spreadSummary: Summ;
  rankAutocorrelation: (number | null)[];
  quantileTurnover: (number | null)[];
  weightTurnover: (number | null)[];
  decay: { horizon: number; ic: number; icir: number; rankIC: number; rankICIR: number; days: number }[];
}

const fx = readFixture<{ cases: Case[] }>('metrics.json');
const TOL = 1e-9;

function checkSummary(actual: ReturnType<typeof summarizeSeries>, expected: Summ, what: string): void {
  assertNum(actual.mean, expected.mean, TOL, `${what}.mean`);
  assertNum(actual.std, expected.std, TOL, `${what}.std`);
  assertNum(actual.ir, expected.ir, TOL, `${what}.ir`);
  assertNum(actual.tStat, expected.tStat, TOL, `${what}.tStat`);
  assertNum(actual.pValue, expected.pValue, 1e-7, `${what}.pValue`);
  assert.equal(actual.days, expected.days, `${what}.days`);
}

test('average ranks share ties (scipy rankdata)', () => {
  assert.deepEqual(Array.from(averageRanks([10, 20, 20, 30])), [1, 2.5, 2.5, 4]);
  assert.deepEqual(Array.from(averageRanks([3, 3, 3])), [2, 2, 2]);
});

for (const c of fx.cases) {
  const f = arr(c.factor);
  const close = arr(c.close);
  const N = c.nAssets;
  const label = forwardReturnFromPrices(close, N, c.horizon);

  test(`${c.name}: forward-return label matches pandas shift`, () => {
    assertClose(label, c.label, 1e-12, 'label');
  });

  test(`${c.name}: daily IC, RankIC and factor return match scipy`, () => {
    const ic = dailyIC(f, label, N, { minAssets: c.minAssets });
    const ric = dailyRankIC(f, label, N, { minAssets: c.minAssets });
    const fr = dailyFactorReturn(f, label, N, { minAssets: c.minAssets });
    assertClose(ic, c.ic, TOL, 'ic');
    assertClose(ric, c.rankIC, TOL, 'rankIC');
    assertClose(fr, c.factorReturn, TOL, 'factorReturn');
    checkSummary(summarizeSeries(ic), c.icSummary, 'icSummary');
    checkSummary(summarizeSeries(ric), c.rankICSummary, 'rankICSummary');
    checkSummary(summarizeSeries(fr), c.factorReturnSummary, 'factorReturnSummary');
  });

  test(`${c.name}: quantile returns and spread match pandas groupby`, () => {
    const q = quantileReturns(f, label, N, { quantiles: c.quantiles, minAssets: c.minAssets });
    assertClose(q.daily, c.quantileDaily, TOL, 'quantileDaily');
    assertClose(q.mean, c.quantileMean, TOL, 'quantileMean');
    assertClose(q.spread, c.spread, TOL, 'spread');
    checkSummary(summarizeSeries(q.spread), c.spreadSummary, 'spreadSummary');
  });

  test(`${c.name}: turnover and rank autocorrelation match pandas`, () => {
    assertClose(rankAutocorrelation(f, N, 1), c.rankAutocorrelation, TOL, 'rankAutocorrelation');
    assertClose(quantileTurnover(f, N, { quantiles: c.quantiles }), c.quantileTurnover, TOL, 'quantileTurnover');
    assertClose(weightTurnover(f, N), c.weightTurnover, TOL, 'weightTurnover');
  });

  test(`${c.name}: IC decay matches per-horizon scipy means`, () => {
    const d = icDecay(f, close, N, c.decay.map((p) => p.horizon));
    d.forEach((p, k) => {
      const e = c.decay[k];
      assertNum(p.ic, e.ic, TOL, `decay ${e.horizon} ic`);
      assertNum(p.icir, e.icir, TOL, `decay ${e.horizon} icir`);
      assertNum(p.rankIC, e.rankIC, TOL, `decay ${e.horizon} rankIC`);
      assertNum(p.rankICIR, e.rankICIR, TOL, `decay ${e.horizon} rankICIR`);
      assert.equal(p.days, e.days);
    });
  });

  test(`${c.name}: evaluateFactor summary uses the same figures`, () => {
    const r = evaluateFactor(f, label, N, { horizon: c.horizon });
    const s = r.summary();
    assertNum(s.ic ?? NaN, c.icSummary.mean, TOL, 'ic');
    assertNum(s.icir ?? NaN, c.icSummary.ir, TOL, 'icir');
    assertNum(s.rank_ic ?? NaN, c.rankICSummary.mean, TOL, 'rank_ic');
    assertNum(s.t_stat ?? NaN, c.icSummary.tStat, TOL, 't_stat');
    assert.equal(s.days, c.icSummary.days);
    assert.match(r.toString(), /FactorReport/);
  });
}

test('dates with fewer than 10 assets are skipped, not NaN-polluting the mean', () => {
  // 3 dates x 12 assets; date 1 has only 9 finite factor values
  const N = 12;
  const f = new Float64Array(3 * N);
  const y = new Float64Array(3 * N);
  for (let t = 0; t < 3; t++) for (let i = 0; i < N; i++) {
    f[t * N + i] = i;
    y[t * N + i] = t === 2 ? -i : i * i;
  }
  for (let i = 0; i < 3; i++) f[N + i] = NaN;
  const ric = dailyRankIC(f, y, N);
  assert.equal(ric[0], 1);
  assert.ok(Number.isNaN(ric[1]));
  assert.equal(ric[2], -1);
  assert.equal(summarizeSeries(ric).days, 2);
});

test('a constant (all-tied) factor never throws and has no spread', () => {
  const N = 12;
  const f = new Float64Array(2 * N).fill(1);
  const y = Float64Array.from({ length: 2 * N }, (_, k) => k);
  const q = quantileReturns(f, y, N);
  assert.ok(Number.isNaN(q.spread[0]));
  assert.ok(Number.isNaN(dailyIC(f, y, N)[0]));
});

test('a constant factor or label that does not round to its own mean is NaN, as pandas gives', () => {
  // pandas: pd.Series([0.1] * 10).corr(pd.Series(np.sin(np.arange(10)))) is nan (and so is the reverse);
  // a mean of ten 0.1s rounds off 0.1, which used to leave IC ~1.7e-17 and a slope of order 1e15
  for (const c of [0.1, 0.7, 1 / 3, 123.456]) {
    for (const n of [10, 37]) {
      const f = new Float64Array(n).fill(c);
      const y = Float64Array.from({ length: n }, (_, k) => Math.sin(k));
      assert.ok(Number.isNaN(dailyIC(f, y, n)[0]), `IC of constant ${c} over ${n}`);
      assert.ok(Number.isNaN(dailyIC(y, f, n)[0]), `IC with constant label ${c} over ${n}`);
      assert.ok(Number.isNaN(dailyFactorReturn(f, y, n)[0]), `factor return of constant ${c} over ${n}`);
      assert.ok(Number.isNaN(dailyRankIC(f, y, n)[0]), `RankIC of constant ${c} over ${n}`);
    }
  }
});

test('bad shapes raise a typed error', () => {
  assert.throws(() => dailyIC(new Float64Array(10), new Float64Array(12), 5), /factor has 10 values but label has 12/);
  assert.throws(() => forwardReturnFromPrices(new Float64Array(10), 5, 0), /horizon must be an integer >= 1/);
});

"""Peer timing for `npm run bench:factors`: the same formulas evaluated with pandas, plus their daily RankIC.

Usage: python scripts/bench/factors_pandas.py <stocks.csv.gz> <formulas.json>
Prints one JSON object: {"load_ms", "plain_ms", "plain_cpu_ms", "memo_ms", "memo_cpu_ms", "mean_rank_ic": [...],
"eval_cpu_ms": [...], "rank_ic_cpu_ms": [...]} (per formula, plain run)
(wall-clock and process CPU milliseconds; the caller sets OMP/OPENBLAS/MKL threads to 1).

Every operator is the pandas implementation in scripts/fixtures/alpha_dsl.py (rolling(d).mean(),
rank(axis=1, pct=True), rolling(d).corr(...), sliding_window_view for argmax / wma / product,
...), and the formula text is read by that script's own parser. Two runs:
- plain: each formula evaluated from scratch (how a pandas research script usually works);
- memo: sub-formulas memoised by their parse tree across all formulas (the same sharing the
  TypeScript evaluator does), for a like-for-like comparison.
Each run = the label delay(close, -5) / close - 1, then every formula and its daily RankIC
(Spearman over assets where both values are finite, dates with < 10 such assets skipped; the
label's ranks are computed once and reused on dates where the factor is finite wherever the
label is, as the TypeScript side does).
"""

import json
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "fixtures"))
import alpha_dsl  # noqa: E402

alpha_dsl.EXACT_EMA = False  # the closed-form windowed EMA / regression (same maths, vectorised)

LABEL = "delay(close, -5) / close - 1"


def load(path):
    df = pd.read_csv(path)
    wide = df.pivot(index="date", columns="ticker")
    wide = wide.sort_index()
    return {f: wide[f].astype(float) for f in ["open", "high", "low", "close", "volume"]}


def daily_rank_ic(f: pd.DataFrame, y: pd.DataFrame, y_ranks: pd.DataFrame, min_assets: int = 10) -> pd.Series:
    """y_ranks = y.rank(axis=1), reused on the dates where f is finite wherever y is (as the TypeScript side does)."""
    mask = f.notna() & y.notna()
    fr = f.where(mask).rank(axis=1)
    partial = (f.isna() & y.notna()).any(axis=1)
    yr = y_ranks
    if partial.any():
        yr = y_ranks.copy()
        yr.loc[partial] = y.where(mask).loc[partial].rank(axis=1)
    fc = fr.sub(fr.mean(axis=1), axis=0)
    yc = yr.sub(yr.mean(axis=1), axis=0)
    num = (fc * yc).sum(axis=1)
    den = np.sqrt((fc * fc).sum(axis=1) * (yc * yc).sum(axis=1))
    ic = (num / den).where(den > 0)
    return ic.where(mask.sum(axis=1) >= min_assets)


def run(fields, formulas, memo):
    cache = {} if memo else None
    label = alpha_dsl.evaluate(alpha_dsl.parse(LABEL), fields, cache)
    label_ranks = label.rank(axis=1)
    out, eval_cpu, ic_cpu = [], [], []
    for text in formulas:
        c0 = time.process_time()
        f = alpha_dsl.evaluate(alpha_dsl.parse(text), fields, cache)
        if not isinstance(f, pd.DataFrame):
            f = pd.DataFrame(f, index=label.index, columns=label.columns)
        c1 = time.process_time()
        out.append(float(daily_rank_ic(f, label, label_ranks).mean()))
        eval_cpu.append((c1 - c0) * 1000)
        ic_cpu.append((time.process_time() - c1) * 1000)
    return out, eval_cpu, ic_cpu


def main():
    path, formulas_path = sys.argv[1], sys.argv[2]
    formulas = json.loads(Path(formulas_path).read_text())
    t0 = time.perf_counter()
    fields = load(path)
    load_ms = (time.perf_counter() - t0) * 1000
    with np.errstate(all="ignore"):
        t0, c0 = time.perf_counter(), time.process_time()
        ics, eval_cpu, ic_cpu = run(fields, formulas, memo=False)
        plain_ms, plain_cpu = (time.perf_counter() - t0) * 1000, (time.process_time() - c0) * 1000
        t0, c0 = time.perf_counter(), time.process_time()
        run(fields, formulas, memo=True)
        memo_ms, memo_cpu = (time.perf_counter() - t0) * 1000, (time.process_time() - c0) * 1000
    print(
        json.dumps(
            {
                "load_ms": load_ms,
                "plain_ms": plain_ms,
                "plain_cpu_ms": plain_cpu,
                "memo_ms": memo_ms,
                "memo_cpu_ms": memo_cpu,
                "mean_rank_ic": ics,
                "eval_cpu_ms": eval_cpu,
                "rank_ic_cpu_ms": ic_cpu,
            }
        )
    )


if __name__ == "__main__":
    main()

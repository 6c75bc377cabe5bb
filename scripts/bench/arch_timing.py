"""Time arch 8.0 fits for bench:garch (kernel-lib/bench/garch.ts spawns this with .venv-ref).

Usage: python scripts/bench/arch_timing.py [--repeat N] [--batch M]
Prints one JSON object: median single-fit milliseconds per model on the S&P 500 returns and
GARCH(1,1)-normal fits per second on M seeded simulated series of T = 1000.
"""
import argparse
import json
import time
import warnings
from pathlib import Path

import numpy as np
import pandas as pd
from arch import arch_model

ROOT = Path(__file__).resolve().parents[2]
MODELS = {
    "garch_normal": dict(vol="GARCH", p=1, o=0, q=1, dist="normal"),
    "gjr_t": dict(vol="GARCH", p=1, o=1, q=1, dist="t"),
    "egarch_skewt": dict(vol="EGARCH", p=1, o=0, q=1, dist="skewt"),
}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=15)
    ap.add_argument("--batch", type=int, default=40)
    args = ap.parse_args()
    df = pd.read_csv(ROOT / "kernel-lib" / "data" / "sp500_index_daily.csv")
    y = (100 * df["adj_close"].pct_change()).dropna().to_numpy()
    out = {"single_ms": {}, "single_cpu_ms": {}, "loglik": {}}
    warnings.simplefilter("ignore")
    for name, kw in MODELS.items():
        am = arch_model(y, **kw)
        res = am.fit(disp="off")
        times = []
        c0 = time.process_time()
        for _ in range(args.repeat):
            t0 = time.perf_counter()
            res = am.fit(disp="off")
            times.append((time.perf_counter() - t0) * 1000)
        out["single_cpu_ms"][name] = (time.process_time() - c0) * 1000 / args.repeat
        out["single_ms"][name] = float(np.median(times))
        out["loglik"][name] = float(res.loglikelihood)
    rs = np.random.RandomState(7)
    sims = []
    for i in range(args.batch):
        e = rs.standard_normal(1500)
        s2 = np.empty(1500)
        r = np.empty(1500)
        s2[0] = 1.0
        for t in range(1500):
            if t > 0:
                s2[t] = 0.05 + 0.08 * r[t - 1] ** 2 + 0.9 * s2[t - 1]
            r[t] = np.sqrt(s2[t]) * e[t]
        sims.append(r[500:])
    t0 = time.perf_counter()
    c0 = time.process_time()
    for r in sims:
        arch_model(r, vol="GARCH", p=1, q=1, dist="normal").fit(disp="off")
    elapsed = time.perf_counter() - t0
    out["batch_fits_per_s"] = args.batch / elapsed
    out["batch_fits_per_cpu_s"] = args.batch / (time.process_time() - c0)
    out["batch_n"] = args.batch
    print(json.dumps(out))


if __name__ == "__main__":
    main()

"""Peer timings for `npm run bench:portfolio` (spawned by kernel-lib/bench/portfolio.ts).

Usage: .venv-ref/bin/python scripts/bench/portfolio_pypfopt.py <cov.f64> <n> <repeat> <upper>

Reads an n x n float64 little-endian covariance (row-major) and times, with PyPortfolioOpt
1.5.6 and its default cvxpy solver:
- min_volatility with weight_bounds (0, upper);
- ERC, which PyPortfolioOpt lacks, as its convex_objective on Spinu's formulation
  min ½ wᵀΣw - (1/n) Σ log w_i (weights_sum_to_one=False, then normalised).
Each timing includes building the EfficientFrontier, as a user would. Prints one JSON line.
"""
import json
import sys
import time
import warnings

import numpy as np


def main():
    path, n, repeat, upper = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), float(sys.argv[4])
    S = np.fromfile(path, dtype="<f8").reshape(n, n)
    import cvxpy as cp
    import pypfopt
    from pypfopt import EfficientFrontier

    def min_vol():
        ef = EfficientFrontier(None, S, weight_bounds=(0, upper))
        ef.min_volatility()
        return ef.weights

    def erc():
        ef = EfficientFrontier(None, S, weight_bounds=(None, None))
        ef.convex_objective(lambda w: 0.5 * cp.quad_form(w, S, assume_PSD=True) - cp.sum(cp.log(w)) / n, weights_sum_to_one=False)
        w = ef.weights
        return w / w.sum()

    out = {"pypfopt": pypfopt.__version__, "cvxpy": cp.__version__}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for name, f in (("min_volatility", min_vol), ("erc", erc)):
            f()  # warm-up
            times, cpu = [], []
            w = None
            for _ in range(repeat):
                c0 = time.process_time()
                t0 = time.perf_counter()
                w = f()
                times.append((time.perf_counter() - t0) * 1000)
                cpu.append((time.process_time() - c0) * 1000)
            out[name] = {"median_ms": float(np.median(times)), "median_cpu_ms": float(np.median(cpu)),
                         "weights": [float(x) for x in w]}
    print(json.dumps(out))


if __name__ == "__main__":
    main()

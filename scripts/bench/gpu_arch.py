"""arch 8 GARCH(1,1)-normal fits per second on one core at T = 2000 (the peer figure of bench:gpu).

Usage: OMP_NUM_THREADS=1 python scripts/bench/gpu_arch.py [--n 20] [--T 2000]
Same data-generating process as gpu/alpha_factory_gpu/bench.py. Prints one JSON line.
"""
import argparse
import json
import time
import warnings

import numpy as np
from arch import arch_model


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=20)
    ap.add_argument("--T", type=int, default=2000)
    a = ap.parse_args()
    rng = np.random.default_rng(7)
    series = []
    for _ in range(a.n):
        s2, prev, y = 1.0, 0.0, []
        for t in range(a.T + 500):
            if t > 0:
                s2 = 0.05 + 0.08 * prev * prev + 0.9 * s2
            prev = np.sqrt(s2) * rng.standard_normal()
            if t >= 500:
                y.append(prev)
        series.append(np.array(y))
    warnings.simplefilter("ignore")
    arch_model(series[0], vol="GARCH", p=1, q=1, dist="normal").fit(disp="off")  # numba warm-up
    t0 = time.perf_counter()
    for y in series:
        arch_model(y, vol="GARCH", p=1, q=1, dist="normal").fit(disp="off")
    el = time.perf_counter() - t0
    print(json.dumps({"n": a.n, "T": a.T, "seconds": el, "fits_per_s": a.n / el}))


if __name__ == "__main__":
    main()

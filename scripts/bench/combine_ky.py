"""Peer timing for `kernel-lib/bench/combine.ts`: Kakushadze & Yu's 11-step weights in numpy
(numpy.linalg.lstsq for the no-intercept regression of E~ on Lambda). Reads the N x P returns
(alpha-major, oldest period first) as raw float64, writes the weights as raw float64, prints
JSON {"median_ms"}.

usage: combine_ky.py <returns.f64> <N> <P> <repeat> <weights_out.f64>
"""
import json
import sys
import time

import numpy as np


def ky(R_oldest_first):
    R = R_oldest_first[:, ::-1]
    N, P = R.shape
    M = P - 1
    X = R - R.mean(axis=1, keepdims=True)
    sigma = np.sqrt((X ** 2).sum(axis=1) / M)
    Y = (X / sigma[:, None])[:, :M]
    Lam = (Y - Y.mean(axis=0, keepdims=True))[:, : M - 1]
    Et = R.mean(axis=1) / sigma
    beta = np.linalg.lstsq(Lam, Et, rcond=None)[0]
    w = (Et - Lam @ beta) / sigma
    return w / np.abs(w).sum()


def main():
    path, N, P, repeat, out = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), sys.argv[5]
    R = np.fromfile(path, dtype=np.float64).reshape(N, P)
    ky(R)
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        w = ky(R)
        times.append((time.perf_counter() - t0) * 1e3)
    w.astype(np.float64).tofile(out)
    print(json.dumps({"median_ms": float(np.median(times))}))


if __name__ == "__main__":
    main()

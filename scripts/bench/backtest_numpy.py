"""Peer timing for `kernel-lib/bench/backtest.ts`: the same daily-rebalanced share/cash backtest
(equal weight over the assets priced that day, commission 5 bp, slippage 10 bp) written with numpy,
vectorised over assets and looping over days. Reads prices/weights as raw float64 files written by
the TypeScript bench, prints JSON {"median_ms", "min_ms", "cpu_ms", "final_equity"}.

usage: backtest_numpy.py <prices.f64> <weights.f64> <T> <N> <repeat>
"""
import json
import sys
import time

import numpy as np


def run(P, W):
    T, N = P.shape
    comm, slip = 5e-4, 1e-3
    q = np.zeros(N)
    last = np.full(N, np.nan)
    cash = 1_000_000.0
    equity = np.empty(T)
    weights = np.zeros((T, N))
    for t in range(T):
        p = P[t]
        ok = p > 0
        last = np.where(ok, p, last)
        held = q != 0
        V = cash + (q[held] * last[held]).sum()
        target = np.where(ok, W[t] * V / np.where(ok, p, 1.0), q)
        dq = target - q
        notional = np.abs(dq) * np.where(ok, p, 0.0)
        trade = ok & (notional > 1e-9 * V)
        fill = np.where(dq > 0, p * (1 + slip), p * (1 - slip))
        commission = comm * np.abs(dq) * fill
        cash -= (dq * fill + commission)[trade].sum()
        q = np.where(trade, target, q)
        held = q != 0
        post = cash + (q[held] * last[held]).sum()
        equity[t] = post
        weights[t, held] = q[held] * last[held] / post
    return equity


def main():
    pf, wf, T, N, repeat = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5])
    P = np.fromfile(pf, dtype="<f8").reshape(T, N)
    W = np.fromfile(wf, dtype="<f8").reshape(T, N)
    times, cpu = [], []
    for _ in range(repeat):
        t0, c0 = time.perf_counter(), time.process_time()
        eq = run(P, W)
        times.append((time.perf_counter() - t0) * 1000)
        cpu.append((time.process_time() - c0) * 1000)
    print(json.dumps({"median_ms": float(np.median(times)), "min_ms": float(np.min(times)),
                      "cpu_ms": float(np.median(cpu)), "final_equity": float(eq[-1])}))


if __name__ == "__main__":
    main()

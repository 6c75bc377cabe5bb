"""Batched GARCH(1,1)-normal throughput: ``python -m alpha_factory_gpu.bench --sizes 1000,10000 --T 2000``.

Simulates B series (omega .05, alpha .08, beta .90, normal shocks, 500 burn-in; numpy seeded), fits them
with the worker's batched optimiser on the device (cuda when present) and prints one JSON line per size:
B, T, device, dtype, seconds, fits_per_s, converged fraction. Used by kernel-lib/bench/gpu.ts.
"""
from __future__ import annotations

import argparse
import json
import time

import numpy as np
import torch

from .garch import ModelSpec, fit_batch


def simulate(B: int, T: int, seed: int) -> np.ndarray:
    rng = np.random.default_rng(seed)
    burn = 500
    out = np.empty((B, T))
    s2 = np.ones(B)
    prev = np.zeros(B)
    for t in range(T + burn):
        if t > 0:
            s2 = 0.05 + 0.08 * prev * prev + 0.9 * s2
        prev = np.sqrt(s2) * rng.standard_normal(B)
        if t >= burn:
            out[:, t - burn] = prev
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", default="")
    ap.add_argument("--T", type=int, default=2000)
    ap.add_argument("--dtype", default="float64")
    ap.add_argument("--chunk", type=int, default=65536)
    ap.add_argument("--device", default="auto")
    ap.add_argument("--seed", type=int, default=7)
    a = ap.parse_args()
    dev = torch.device("cuda" if (a.device == "auto" and torch.cuda.is_available()) else
                       ("cpu" if a.device == "auto" else a.device))
    sizes = [int(s) for s in a.sizes.split(",") if s] or ([10_000, 100_000, 1_000_000] if dev.type == "cuda" else [64, 256])
    dtype = torch.float64 if a.dtype == "float64" else torch.float32
    torch.set_num_threads(1) if dev.type == "cpu" else None
    # warm-up (kernels, allocator)
    w = torch.as_tensor(simulate(8, a.T, 1), dtype=dtype, device=dev)
    fit_batch(ModelSpec("GARCH", "normal"), w, torch.ones_like(w), max_iter=5)
    for B in sizes:
        x = simulate(B, a.T, a.seed)
        conv = 0
        if dev.type == "cuda":
            torch.cuda.synchronize()
        t0 = time.perf_counter()
        for s in range(0, B, a.chunk):
            r = torch.as_tensor(x[s: s + a.chunk], dtype=dtype, device=dev)
            out = fit_batch(ModelSpec("GARCH", "normal"), r, torch.ones_like(r))
            conv += int(np.sum(out["converged"]))
        if dev.type == "cuda":
            torch.cuda.synchronize()
        el = time.perf_counter() - t0
        print(json.dumps({"B": B, "T": a.T, "device": str(dev), "dtype": a.dtype, "seconds": el,
                          "fits_per_s": B / el, "converged": conv / B, "threads": torch.get_num_threads()}), flush=True)


if __name__ == "__main__":
    main()

"""Sliding windows over the columns of a (T, B) matrix, split in time into training and validation."""
from __future__ import annotations

import numpy as np


def windows(x: np.ndarray, lookback: int, horizon: int, val_fraction: float) -> tuple[np.ndarray, ...]:
    """Windows (inputs lookback values, targets the next horizon values) of every series; a window is
    for validation when its last target date lies in the final ``val_fraction`` of the dates, for training
    when its last target lies before that cut; windows touching a missing value are dropped."""
    T, B = x.shape
    cut = int(round(T * (1 - val_fraction)))
    xs_tr, ys_tr, xs_va, ys_va = [], [], [], []
    span = lookback + horizon
    for b in range(B):
        col = x[:, b]
        for s in range(0, T - span + 1):
            w = col[s: s + span]
            if not np.all(np.isfinite(w)):
                continue
            end = s + span  # exclusive index of the last target + 1
            (xs_va if end > cut else xs_tr).append(w[:lookback])
            (ys_va if end > cut else ys_tr).append(w[lookback:])
    def arr(v, n):
        return np.array(v, dtype=np.float64).reshape(-1, n)
    return arr(xs_tr, lookback), arr(ys_tr, horizon), arr(xs_va, lookback), arr(ys_va, horizon)

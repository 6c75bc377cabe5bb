"""forecaster-train: neural forecasters on a wide table, the best exported to ONNX.

Params (all optional):
  input        spec input with the series (default "returns"; wide table: optional `date` + numeric columns)
  horizon      values predicted (default 1); valFraction: last fraction of the dates for validation (default 0.2)
  scale        multiply the input by this before anything else (default 1)
  sweep        a hyperparameter sweep with early stopping: {space, numSamples, scheduler ("asha"), maxT,
               gracePeriod, reductionFactor, backend, trialResources}, as the `sweep` kind (tune/sweep.py)
Without `sweep`, a plain grid, every trial trained for `epochs`:
  archs        subset of ["lstm", "gru", "transformer", "nbeats"] (default all four)
  hidden       list of hidden sizes (default [32]); layers: list of depths (default [1]); lr: list (default [1e-3])
  lookback     window length fed to the model (default 32); epochs per trial (default 20); batchSize (default 256)
  backend      "auto" (default), "local" or "ray", as in a sweep
which is the sweep {"space": {"arch": archs, "hidden": hidden, "layers": layers, "lr": lr, "lookback":
[lookback], "batchSize": [batchSize]}, "scheduler": "fifo", "maxT": epochs}.

Trial k is seeded with seed + k (Adam, MSE, float32); the metric is the validation MSE (time split).
Artifacts: best.onnx (input "x": float32 (batch, lookback) raw values, output "y": (batch, horizon)),
trials.arrow (one row per trial), history.arrow (per epoch), sweep.json, reference.arrow (up to 64 validation
windows x0..x{L-1} and the PyTorch outputs y0..y{H-1} of the exported model, for checking an ONNX runtime),
forecaster.json (best trial, lookback, horizon, validation MSE, naive zero-change MSE, versions).
"""
from __future__ import annotations

from ..forecast import ARCHS
from ..tune.sweep import run_sweep


def _list(v, default):
    if v is None:
        return list(default)
    return list(v) if isinstance(v, (list, tuple)) else [v]


def run(ctx) -> list[str]:
    p = ctx.params
    if "sweep" in p:
        if not isinstance(p["sweep"], dict):
            raise ValueError("params.sweep must be an object {space, numSamples, scheduler, maxT, ...}")
        return run_sweep(ctx, p["sweep"], "params.sweep")
    archs = _list(p.get("archs"), ARCHS)
    for a in archs:
        if a not in ARCHS:
            raise ValueError(f"params.archs: unknown forecaster {a!r} (expected {', '.join(ARCHS)})")
    space = {"arch": archs, "hidden": _list(p.get("hidden"), [32]), "layers": _list(p.get("layers"), [1]),
             "lr": _list(p.get("lr"), [1e-3]), "lookback": [int(p.get("lookback", 32))],
             "batchSize": [int(p.get("batchSize", 256))]}
    settings = {"space": space, "scheduler": "fifo", "maxT": int(p.get("epochs", 20)), "backend": p.get("backend", "auto")}
    return run_sweep(ctx, settings, "params")

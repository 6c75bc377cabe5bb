"""sweep: a hyperparameter search with successive halving (our loop locally, Ray Tune + ASHA on a cluster).

Params: the sweep settings of tune/sweep.py (space, numSamples, scheduler, maxT, gracePeriod,
reductionFactor, backend, trialResources) and the data of a forecaster trial (input, horizon, valFraction,
scale), plus ``trainable`` (default and, in this version, only "forecaster"). A sweep with the
forecaster trainable is what ``forecaster-train`` runs when its params have a ``sweep`` object.
"""
from __future__ import annotations

from ..tune.sweep import run_sweep

TRAINABLES = ("forecaster",)


def run(ctx) -> list[str]:
    trainable = ctx.params.get("trainable", "forecaster")
    if trainable not in TRAINABLES:
        raise ValueError(f"params.trainable: unknown trainable {trainable!r} (this worker sweeps: {', '.join(TRAINABLES)})")
    if "space" not in ctx.params:
        raise ValueError('params.space is required: e.g. {"arch": ["gru", "nbeats"], "lr": {"loguniform": [1e-4, 1e-2]}}')
    return run_sweep(ctx, ctx.params, "params")

"""The sweep driver shared by the ``sweep`` kind and ``forecaster-train`` (see gpu/README.md).

Settings (``sweep`` job params, or ``forecaster-train``'s ``params.sweep`` object):
  space            the search space (tune/space.py); hyperparameters of a forecaster trial: arch, hidden,
                   layers, lr, lookback, batchSize, epochs (the trial's own cap)
  numSamples       random configurations to draw (default: the full grid when the space is all lists)
  scheduler        "asha" (default): successive halving; "fifo": every trial runs to the end
  maxT             epochs of the longest trial (default: the largest `epochs` in the space, else 20)
  gracePeriod      epochs before the first rung (default 1); reductionFactor: eta (default 3)
  backend          "auto" (default): Ray Tune when the job runs on a Ray cluster, else the local loop;
                   "local"; "ray"
  trialResources   Ray only: {"cpu": 1, "gpu": 0} per trial
The metric is the validation MSE ("val_mse", minimised) after each epoch; trial k is seeded with seed + k.

Artifacts: trials.arrow (one row per trial: trial, the config, max_epochs, epochs run, status completed |
stopped | error, val_mse (the metric at the last epoch run), train_mse, params, seconds, error),
history.arrow (trial, epoch, val_mse, train_mse), sweep.json (backend, scheduler, rungs, counts, best),
and the best trial exported: best.onnx, reference.arrow, forecaster.json.
"""
from __future__ import annotations

import json
import math
import shutil
import time
from typing import Any

import numpy as np
import pyarrow as pa

from ..arrow_io import read_table, wide_matrix, write_table
from . import ray_backend
from .asha import TrialRecord, planned_epochs, rung_schedule, successive_halving
from .forecaster import ForecastData, ForecasterTrial, check_config, export
from .space import trial_configs

METRIC, MODE = "val_mse", "min"


def load_data(ctx) -> ForecastData:
    p = ctx.params
    name = p.get("input", "returns")
    fmt = ctx.job.spec["inputs"].get(name, {}).get("format", "arrow")
    _names, _dates, x = wide_matrix(read_table(ctx.job.input_path(name), fmt))
    vf = float(p.get("valFraction", 0.2))
    if not 0 < vf < 1:
        raise ValueError(f"params.valFraction must be in (0, 1), got {vf!r}")
    return ForecastData(x * float(p.get("scale", 1.0)), int(p.get("horizon", 1)), vf)


def _column(vals: list[Any]) -> pa.Array:
    if all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in vals) and \
            any(isinstance(v, float) for v in vals):
        return pa.array([float(v) for v in vals], type=pa.float64())
    try:
        return pa.array(vals)
    except (pa.ArrowInvalid, pa.ArrowTypeError):
        return pa.array([json.dumps(v) for v in vals], type=pa.string())


def trials_table(recs: list[TrialRecord], keys: list[str], backend: str) -> pa.Table:
    cols: dict[str, pa.Array] = {"trial": pa.array([r.index for r in recs], type=pa.int64())}
    for k in keys:
        cols["max_epochs" if k == "epochs" else k] = _column([r.config.get(k) for r in recs])
    cols["epochs"] = pa.array([r.epochs for r in recs], type=pa.int64())
    cols["status"] = pa.array([r.status for r in recs], type=pa.string())
    fin = lambda v: None if v is None or not math.isfinite(v) else float(v)  # noqa: E731
    cols["val_mse"] = pa.array([fin(r.metric) for r in recs], type=pa.float64())
    cols["train_mse"] = pa.array([fin(r.history[-1]["train_mse"]) if r.history else None for r in recs], type=pa.float64())
    cols["params"] = pa.array([r.params for r in recs], type=pa.int64())
    cols["seconds"] = pa.array([r.seconds for r in recs], type=pa.float64())
    cols["error"] = pa.array([r.error for r in recs], type=pa.string())
    return pa.table(cols).replace_schema_metadata({"metric": METRIC, "mode": MODE, "backend": backend})


def history_table(recs: list[TrialRecord]) -> pa.Table:
    rows = [(r.index, e + 1, h["val_mse"], h["train_mse"]) for r in recs for e, h in enumerate(r.history)]
    return pa.table({"trial": pa.array([x[0] for x in rows], type=pa.int64()),
                     "epoch": pa.array([x[1] for x in rows], type=pa.int64()),
                     "val_mse": pa.array([x[2] for x in rows], type=pa.float64()),
                     "train_mse": pa.array([x[3] for x in rows], type=pa.float64())})


def run_sweep(ctx, settings: dict[str, Any], where: str, extra_meta: dict[str, Any] | None = None) -> list[str]:
    data = load_data(ctx)
    configs = trial_configs(settings.get("space"), settings.get("numSamples"), ctx.seed)
    keys = list(dict.fromkeys(k for c in configs for k in c))
    configs = [check_config(c, f"{where}.space (trial {i})") for i, c in enumerate(configs)]
    scheduler = settings.get("scheduler", "asha")
    if scheduler not in ("asha", "fifo"):
        raise ValueError(f"{where}.scheduler must be asha or fifo, got {scheduler!r}")
    caps = [int(c["epochs"]) for c in configs if "epochs" in c]
    max_t = int(settings.get("maxT", max(caps) if caps else 20))
    grace, eta = int(settings.get("gracePeriod", 1)), int(settings.get("reductionFactor", 3))
    rungs = rung_schedule(max_t, grace, eta) if scheduler == "asha" else [max_t]
    backend = settings.get("backend", "auto")
    if backend not in ("auto", "local", "ray"):
        raise ValueError(f"{where}.backend must be auto, local or ray, got {backend!r}")
    if backend == "auto":
        backend = "ray" if ray_backend.on_cluster() else "local"
    n = len(configs)
    planned = planned_epochs(n, rungs, eta) if scheduler == "asha" else sum(min(max_t, int(c.get("epochs", max_t))) for c in configs)
    done = [0]
    ctx.log.info("sweep: %d trials, %s scheduler (rungs %s), backend %s, on %s", n, scheduler, rungs, backend, ctx.device)

    def ended(rec: TrialRecord) -> None:
        ctx.job.event("trial", trial=rec.index, status=rec.status, epochs=rec.epochs,
                      **({METRIC: rec.metric} if math.isfinite(rec.metric) else {}),
                      **({"error": rec.error} if rec.error else {}))
        ctx.log.info("trial %d %s: %s after %d epoch(s), %s %.6g", rec.index, json.dumps(rec.config), rec.status,
                     rec.epochs, METRIC, rec.metric)

    t0 = time.perf_counter()
    if backend == "local":
        best: dict[str, Any] | None = None
        best_val = math.inf

        def make(i: int, cfg: dict[str, Any]) -> ForecasterTrial:
            return ForecasterTrial(cfg, data, ctx.seed + i, ctx.device)

        def on_epoch(rec: TrialRecord) -> None:
            done[0] += 1
            ctx.progress(min(0.99, done[0] / max(planned, 1)),
                         f"trial {rec.index + 1}/{n} {rec.config['arch']}: epoch {rec.epochs}, {METRIC} {rec.metric:.4g}")

        def on_end(rec: TrialRecord, obj: ForecasterTrial | None) -> None:
            nonlocal best, best_val
            if obj is not None:
                rec.params = obj.n_params
                if rec.status != "error" and rec.metric < best_val:
                    best, best_val = obj.state(), rec.metric
            ended(rec)

        recs = successive_halving(configs, make, metric=METRIC, mode=MODE, max_t=max_t, grace=grace, eta=eta,
                                  scheduler=scheduler, on_epoch=on_epoch, on_end=on_end)
    else:
        storage = ctx.job.path / ".tune"

        def on_result(i: int, result: dict[str, Any]) -> None:
            done[0] += 1
            ctx.progress(min(0.99, done[0] / max(planned, 1)),
                         f"trial {i + 1}/{n} {configs[i]['arch']}: epoch {result.get('training_iteration')}, "
                         f"{METRIC} {float(result.get(METRIC, math.nan)):.4g}")
        try:
            recs, best = ray_backend.run(configs, data, seed=ctx.seed, metric=METRIC, mode=MODE, scheduler=scheduler,
                                         max_t=max_t, grace=grace, eta=eta,
                                         resources=settings.get("trialResources", {}), storage=storage,
                                         on_result=on_result, log=ctx.log)
        finally:
            shutil.rmtree(storage, ignore_errors=True)
        for rec in recs:
            ended(rec)
    elapsed = time.perf_counter() - t0
    if best is None:
        raise RuntimeError(f"every trial failed (non-finite {METRIC}): " + "; ".join(
            f"trial {r.index}: {r.error}" for r in recs[:3]))
    bi = min((r for r in recs if r.status != "error"), key=lambda r: r.metric).index
    counts = {s: sum(r.status == s for r in recs) for s in ("completed", "stopped", "error")}
    summary = {"backend": "ray-tune" if backend == "ray" else "local", "scheduler": scheduler, "rungs": rungs,
               "maxT": max_t, "gracePeriod": grace, "reductionFactor": eta, "metric": METRIC, "mode": MODE,
               "trials": n, **counts, "epochs_trained": sum(r.epochs for r in recs),
               "epochs_without_stopping": sum(r.cap for r in recs), "seconds": elapsed, "seed": ctx.seed,
               "best": {"trial": bi, "config": recs[bi].config, METRIC: recs[bi].metric, "epochs": recs[bi].epochs}}
    ctx.log.info("sweep: best trial %d (%s) %s %.6g; %s", bi, json.dumps(recs[bi].config), METRIC, recs[bi].metric,
                 ", ".join(f"{v} {k}" for k, v in counts.items()))
    write_table(trials_table(recs, keys, summary["backend"]), ctx.job.artifact_tmp("trials.arrow"))
    write_table(history_table(recs), ctx.job.artifact_tmp("history.arrow"))
    ctx.job.artifact_tmp("sweep.json").write_text(json.dumps(summary, indent=1) + "\n")
    xtr, _ytr, xva, yva = data.get(int(best["config"]["lookback"]))
    best_row = {"trial": bi, **recs[bi].config, "val_mse": recs[bi].metric, "epochs": recs[bi].epochs,
                "train_mse": recs[bi].history[-1]["train_mse"] if recs[bi].history else None}
    meta = {"best": best_row, "val_mse": recs[bi].metric, "naive_val_mse": float(((yva - xva[:, -1:]) ** 2).mean()),
            "train_windows": len(xtr), "val_windows": len(xva), "seed": ctx.seed, "sweep": summary,
            **(extra_meta or {})}
    out = ["trials.arrow", "history.arrow", "sweep.json", *export(ctx.job, best, data, meta)]
    for f in out:
        ctx.job.publish(f)
    return out

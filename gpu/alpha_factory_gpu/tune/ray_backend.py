"""The same trials under Ray Tune with its ASHAScheduler (asynchronous successive halving), for jobs that
run on a Ray cluster (``ray job submit``: the worker is the job's driver). Each configuration is one Tune
trial (``param_space = {"trial": grid_search(range(n))}`` over our own seeded list), reporting the
validation MSE after every epoch with a checkpoint of its weights (only the latest kept); the best trial's
checkpoint is exported by the driver. Trials ask for ``trialResources`` (default 1 CPU, 0 GPU)."""
from __future__ import annotations

import math
import os
import pathlib
import signal
import tempfile
from typing import Any, Callable

import torch

from .asha import TrialRecord
from .forecaster import ForecastData, ForecasterTrial


def on_cluster() -> bool:
    """True when this process is a Ray job's driver (or Ray is already initialised in it)."""
    if "RAY_JOB_CONFIG_JSON_ENV_VAR" in os.environ:
        return True
    import sys
    ray = sys.modules.get("ray")
    return bool(ray is not None and ray.is_initialized())


def _trainable(config: dict[str, Any], configs=None, data=None, seed: int = 0, max_t: int = 1, metric: str = "val_mse"):
    from ray import tune

    i = int(config["trial"])
    cfg = configs[i]
    dev = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    trial = ForecasterTrial(cfg, data, seed + i, dev)
    cap = min(max_t, int(cfg.get("epochs", max_t)))
    for ep in range(cap):
        m = trial.train_epoch()
        with tempfile.TemporaryDirectory() as d:
            torch.save(trial.state(), os.path.join(d, "state.pt"))
            tune.report({**m, "epoch": ep + 1, "params": trial.n_params}, checkpoint=tune.Checkpoint.from_directory(d))
        if not math.isfinite(m[metric]):
            break


def run(configs: list[dict[str, Any]], data: ForecastData, *, seed: int, metric: str, mode: str, scheduler: str,
        max_t: int, grace: int, eta: int, resources: dict[str, float], storage: pathlib.Path,
        on_result: Callable[[int, dict[str, Any]], None], log) -> tuple[list[TrialRecord], dict[str, Any] | None]:
    import ray
    from ray import tune
    from ray.tune.schedulers import ASHAScheduler, FIFOScheduler

    if not ray.is_initialized():
        # ray.init installs a SIGTERM handler that exits; keep the worker's (cancel -> status cancelled)
        prev = signal.getsignal(signal.SIGTERM)
        ray.init(log_to_driver=False)
        signal.signal(signal.SIGTERM, prev)
    os.environ.setdefault("TUNE_WARN_EXCESSIVE_EXPERIMENT_CHECKPOINT_SYNC_THRESHOLD_S", "0")
    for c in configs:  # cut every lookback's windows once, before the data is shipped to the trials
        data.get(int(c["lookback"]))

    class Progress(tune.Callback):
        def on_trial_result(self, iteration, trials, trial, result, **info):  # noqa: ARG002
            on_result(int(trial.config["trial"]), result)

    sched = (ASHAScheduler(time_attr="training_iteration", max_t=max_t, grace_period=grace, reduction_factor=eta)
             if scheduler == "asha" else FIFOScheduler())
    trainable = tune.with_resources(
        tune.with_parameters(_trainable, configs=configs, data=data, seed=seed, max_t=max_t, metric=metric),
        {"cpu": float(resources.get("cpu", 1)), "gpu": float(resources.get("gpu", 0))})
    tuner = tune.Tuner(
        trainable,
        param_space={"trial": tune.grid_search(list(range(len(configs))))},
        tune_config=tune.TuneConfig(metric=metric, mode=mode, scheduler=sched, num_samples=1),
        run_config=tune.RunConfig(name="sweep", storage_path=str(storage), verbose=0, callbacks=[Progress()],
                                  checkpoint_config=tune.CheckpointConfig(num_to_keep=1)),
    )
    log.info("sweep: %d trials on the Ray cluster (Ray Tune %s, %s scheduler)", len(configs), ray.__version__, scheduler)
    # SIGTERM (cancel) while Tune runs: the worker's handler raises, but Tune wraps an exception raised in a
    # callback into a TuneError; remember the signal and re-raise the worker's cancellation after Tune
    prev = signal.getsignal(signal.SIGTERM)
    got: list[int] = []

    def on_term(signum, frame):
        got.append(signum)
        if callable(prev):
            prev(signum, frame)
        raise SystemExit(128 + signum)

    signal.signal(signal.SIGTERM, on_term)
    try:
        grid = tuner.fit()
    except BaseException:
        if got and callable(prev):
            prev(got[0], None)
        raise
    finally:
        signal.signal(signal.SIGTERM, prev)
    if got and callable(prev):
        prev(got[0], None)
    recs: list[TrialRecord] = []
    sign = 1.0 if mode == "min" else -1.0
    best, best_val = None, math.inf
    for res in grid:
        i = int(res.config["trial"])
        cfg = configs[i]
        rec = TrialRecord(i, cfg, cap=min(max_t, int(cfg.get("epochs", max_t))))
        df = res.metrics_dataframe
        if df is not None and len(df):
            rec.history = [{"val_mse": float(v), "train_mse": float(t)} for v, t in zip(df["val_mse"], df["train_mse"])]
        m = res.metrics or {}
        rec.epochs = int(m.get("training_iteration", len(rec.history)))
        rec.metric = float(m.get(metric, math.nan))
        rec.seconds = float(m.get("time_total_s", 0.0))
        rec.params = int(m.get("params", 0))
        if res.error is not None:
            rec.status, rec.error = "error", str(res.error).strip().splitlines()[-1][:300]
        elif not math.isfinite(rec.metric):
            rec.status, rec.error = "error", f"non-finite {metric} at epoch {rec.epochs}"
        else:
            rec.status = "completed" if rec.epochs >= rec.cap else "stopped"
        recs.append(rec)
        if rec.status != "error" and res.checkpoint is not None and sign * rec.metric < best_val:
            with res.checkpoint.as_directory() as d:
                best = torch.load(os.path.join(d, "state.pt"), weights_only=False)
            best_val = sign * rec.metric
    recs.sort(key=lambda r: r.index)
    return recs, best

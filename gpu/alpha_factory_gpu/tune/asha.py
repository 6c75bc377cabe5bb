"""Successive halving (the rung rule of ASHA, Li et al. 2020), run synchronously as a plain loop.

Rungs at ``grace, grace*eta, grace*eta^2, ... < max_t`` and a last one at ``max_t`` (epochs). Every live
trial trains up to the next rung; then, ranked by its metric at that rung, the best
``max(1, floor(n / eta))`` go on and the rest are stopped there. A trial whose own epoch cap (its
config's ``epochs``) is reached completes; a non-finite metric ends a trial as ``error``. Ties go to the
lower trial index, so the outcome depends only on the metrics. With scheduler ``fifo`` the only rung is
``max_t``: every trial runs to the end (a plain grid or random search).

Why synchronous here: locally the trials run one after another, so ASHA's asynchronous promotion
(compare with whatever has reached the rung so far) would never stop the first trials. On a Ray cluster
the trials run concurrently and Ray Tune's own ASHAScheduler does the asynchronous version.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any, Callable, Protocol


class Trial(Protocol):
    def train_epoch(self) -> dict[str, float]: ...


@dataclass
class TrialRecord:
    index: int
    config: dict[str, Any]
    cap: int
    epochs: int = 0
    metric: float = math.nan
    status: str = "pending"  # pending, running, completed, stopped, error
    error: str = ""
    history: list[dict[str, float]] = field(default_factory=list)
    seconds: float = 0.0
    params: int = 0


def rung_schedule(max_t: int, grace: int, eta: int) -> list[int]:
    if max_t < 1 or grace < 1 or eta < 2:
        raise ValueError(f"successive halving needs maxT >= 1, gracePeriod >= 1 and reductionFactor >= 2 "
                         f"(got {max_t}, {grace}, {eta})")
    rungs, r = [], grace
    while r < max_t:
        rungs.append(r)
        r *= eta
    return rungs + [max_t]


def planned_epochs(n: int, rungs: list[int], eta: int) -> int:
    """Epochs the rule trains in all when no trial hits its own cap or fails (for progress)."""
    total, prev, alive = 0, 0, n
    for k, r in enumerate(rungs):
        total += alive * (r - prev)
        prev = r
        if k < len(rungs) - 1:
            alive = max(1, alive // eta)
    return total


def successive_halving(configs: list[dict[str, Any]], make_trial: Callable[[int, dict[str, Any]], Trial], *,
                       metric: str, mode: str, max_t: int, grace: int = 1, eta: int = 3, scheduler: str = "asha",
                       on_epoch: Callable[[TrialRecord], None] | None = None,
                       on_end: Callable[[TrialRecord, Trial | None], None] | None = None) -> list[TrialRecord]:
    import time

    if mode not in ("min", "max"):
        raise ValueError(f"mode must be min or max, got {mode!r}")
    rungs = rung_schedule(max_t, grace, eta) if scheduler == "asha" else [max_t]
    sign = 1.0 if mode == "min" else -1.0
    recs = [TrialRecord(i, c, cap=min(max_t, int(c.get("epochs", max_t)))) for i, c in enumerate(configs)]
    objs: dict[int, Trial] = {}

    def end(rec: TrialRecord, status: str) -> None:
        rec.status = status
        if on_end is not None:
            on_end(rec, objs.get(rec.index))
        objs.pop(rec.index, None)

    alive = list(range(len(recs)))
    for k, r in enumerate(rungs):
        for i in alive:
            rec = recs[i]
            t0 = time.perf_counter()
            if i not in objs:
                objs[i] = make_trial(i, rec.config)
                rec.status = "running"
            while rec.epochs < min(r, rec.cap):
                m = objs[i].train_epoch()
                rec.epochs += 1
                rec.history.append(m)
                rec.metric = float(m[metric])
                if on_epoch is not None:
                    on_epoch(rec)
                if not math.isfinite(rec.metric):
                    rec.error = f"non-finite {metric} at epoch {rec.epochs}"
                    break
            rec.seconds += time.perf_counter() - t0
        last = k == len(rungs) - 1
        ranked = sorted(alive, key=lambda i: (not math.isfinite(recs[i].metric), sign * recs[i].metric
                                              if math.isfinite(recs[i].metric) else 0.0, i))
        keep = len(ranked) if last else max(1, len(ranked) // eta)
        nxt = []
        for pos, i in enumerate(ranked):
            rec = recs[i]
            if rec.error:
                end(rec, "error")
            elif rec.epochs >= rec.cap:
                end(rec, "completed")
            elif pos < keep and not last:
                nxt.append(i)
            else:
                end(rec, "stopped")
        alive = nxt
        if not alive:
            break
    return recs

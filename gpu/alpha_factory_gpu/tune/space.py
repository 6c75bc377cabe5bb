"""The search space of a sweep (job params) and its list of trial configurations.

``space`` maps a hyperparameter name to one of
  a list ``[v1, v2, ...]`` or ``{"choice": [...]}``: one of the values;
  ``{"uniform": [lo, hi]}``, ``{"loguniform": [lo, hi]}``: a float; ``{"randint": [lo, hi]}``: an int in [lo, hi);
  anything else (a number, a string): a constant.
With ``numSamples`` absent and only lists and constants, the trials are the full grid (the product, in the
order given); otherwise ``numSamples`` configurations (default 8) drawn with numpy's generator seeded by the
job's seed. Both backends (local and Ray Tune) run exactly this list, so trial k is the same everywhere.
"""
from __future__ import annotations

import itertools
import math
from typing import Any

import numpy as np


class SpaceError(ValueError):
    pass


DISTS = ("choice", "uniform", "loguniform", "randint")


def _dim(name: str, v: Any) -> tuple[str, Any]:
    if isinstance(v, (list, tuple)):
        if not v:
            raise SpaceError(f"params.space.{name}: an empty list")
        return "choice", list(v)
    if isinstance(v, dict):
        if len(v) != 1 or next(iter(v)) not in DISTS:
            raise SpaceError(f"params.space.{name}: expected a list, a constant or one of "
                             f"{{{', '.join(DISTS)}}}: [..], got {v!r}")
        kind, arg = next(iter(v.items()))
        if kind == "choice":
            return _dim(name, arg)
        if not (isinstance(arg, (list, tuple)) and len(arg) == 2 and all(isinstance(a, (int, float)) for a in arg)):
            raise SpaceError(f"params.space.{name}.{kind}: expected [low, high], got {arg!r}")
        lo, hi = float(arg[0]), float(arg[1])
        if not lo < hi or (kind == "loguniform" and lo <= 0):
            raise SpaceError(f"params.space.{name}.{kind}: need {'0 < ' if kind == 'loguniform' else ''}low < high, got {arg!r}")
        return kind, (lo, hi)
    return "const", v


def trial_configs(space: dict[str, Any], num_samples: int | None, seed: int) -> list[dict[str, Any]]:
    if not isinstance(space, dict) or not space:
        raise SpaceError("params.space must be a non-empty object {name: values}")
    dims = {k: _dim(k, v) for k, v in space.items()}
    if num_samples is None and all(kind in ("choice", "const") for kind, _ in dims.values()):
        names = list(dims)
        axes = [arg if kind == "choice" else [arg] for kind, arg in dims.values()]
        return [dict(zip(names, combo)) for combo in itertools.product(*axes)]
    n = 8 if num_samples is None else int(num_samples)
    if n < 1:
        raise SpaceError(f"params.numSamples must be >= 1, got {num_samples!r}")
    rng = np.random.default_rng(seed)
    out = []
    for _ in range(n):
        cfg: dict[str, Any] = {}
        for k, (kind, arg) in dims.items():
            if kind == "const":
                cfg[k] = arg
            elif kind == "choice":
                cfg[k] = arg[int(rng.integers(len(arg)))]
            elif kind == "uniform":
                cfg[k] = float(rng.uniform(*arg))
            elif kind == "loguniform":
                cfg[k] = float(math.exp(rng.uniform(math.log(arg[0]), math.log(arg[1]))))
            else:
                cfg[k] = int(rng.integers(int(arg[0]), int(arg[1])))
        out.append(cfg)
    return out

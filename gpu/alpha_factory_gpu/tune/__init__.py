"""Hyperparameter sweeps: a search space, trials scored on a validation split, successive halving.

* ``space``: the search space in job params and the (seeded) list of trial configurations;
* ``asha``: our own synchronous successive halving (the local backend: a plain loop, no Ray);
* ``ray_backend``: the same trials under Ray Tune with its ASHAScheduler (when the job runs on a cluster);
* ``forecaster``: the forecaster trainable (LSTM, GRU, Transformer, N-BEATS-style) and its export;
* ``sweep``: the driver both ``sweep`` and ``forecaster-train`` jobs use.
"""
from .asha import rung_schedule, successive_halving
from .space import SpaceError, trial_configs

__all__ = ["SpaceError", "rung_schedule", "successive_halving", "trial_configs"]

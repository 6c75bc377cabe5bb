"""Batched GARCH-family maximum likelihood in PyTorch."""
from .fit import conditional_volatility, first_valid, fit_batch, left_align, loglik_at
from .models import DISTS, VOLS, ModelSpec, backcast, loglik, variance

__all__ = ["conditional_volatility", "first_valid", "fit_batch", "left_align", "loglik_at", "ModelSpec", "backcast", "loglik", "variance", "VOLS", "DISTS"]

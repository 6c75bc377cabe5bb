"""Fit one GARCH-family model to B series at once (maximum likelihood, batched BFGS)."""
from __future__ import annotations


from typing import Callable

import numpy as np
import torch

from .models import ModelSpec, backcast, loglik, variance
from .optim import bfgs
from .transform import start, to_params


def left_align(x: np.ndarray) -> tuple[np.ndarray, np.ndarray, list[str]]:
    """(T, B) returns with NaN = missing -> left-aligned (B, T) values, (B, T) mask and per-series problems.

    Leading and trailing NaNs are dropped; a NaN between two observations makes the series unusable."""
    T, B = x.shape
    out = np.zeros((B, T))
    mask = np.zeros((B, T))
    problems = [""] * B
    for b in range(B):
        col = x[:, b]
        ok = np.flatnonzero(np.isfinite(col))
        if ok.size == 0:
            problems[b] = "no observations"
            continue
        seg = col[ok[0]: ok[-1] + 1]
        if not np.all(np.isfinite(seg)):
            problems[b] = f"missing value inside the series (row {ok[0] + int(np.flatnonzero(~np.isfinite(seg))[0])})"
            continue
        if seg.size < 10:
            problems[b] = f"only {seg.size} observations (need 10)"
            continue
        out[b, : seg.size] = seg
        mask[b, : seg.size] = 1.0
    return out, mask, problems


def first_valid(x: np.ndarray) -> np.ndarray:
    """Row of the first finite value of each column of (T, B) x (0 for an all-missing column)."""
    fin = np.isfinite(x)
    return np.where(fin.any(axis=0), fin.argmax(axis=0), 0)


def conditional_volatility(spec: ModelSpec, params: dict[str, np.ndarray], r: torch.Tensor,
                           mask: torch.Tensor) -> np.ndarray:
    """sqrt of the conditional variance (B, T) at given parameters; NaN outside each series' observations."""
    th = {k: torch.as_tensor(v, dtype=r.dtype, device=r.device) for k, v in params.items() if k in spec.param_names}
    with torch.no_grad():
        s = torch.sqrt(variance(spec, th, r, backcast(r, mask)))
        s = torch.where(mask > 0, s, torch.full_like(s, float("nan")))
    return s.cpu().double().numpy()


def fit_batch(spec: ModelSpec, r: torch.Tensor, mask: torch.Tensor, *, max_iter: int = 200, gtol: float = 1e-7,
              on_iter: Callable[[int, int], None] | None = None) -> dict[str, np.ndarray | list[str]]:
    """Fit ``spec`` to every row of ``r`` (B, T) where ``mask`` marks the valid observations.

    The objective is the mean negative log-likelihood per observation, so ``gtol`` means the same for
    every series length. Returns numpy arrays of the parameters (NaN where a model has none), ``loglik``,
    ``nobs``, ``iterations``, ``converged`` and a message per series."""
    n = mask.sum(dim=1)
    mean = (r * mask).sum(dim=1) / n
    var = (((r - mean.unsqueeze(1)) ** 2) * mask).sum(dim=1) / n
    bc = backcast(r, mask)

    def fv(u: torch.Tensor, idx: torch.Tensor) -> torch.Tensor:
        with torch.no_grad():
            th = to_params(spec, u[idx], mean[idx], var[idx])
            return -loglik(spec, th, r[idx], mask[idx], bc[idx]) / n[idx]

    def fg(u: torch.Tensor, idx: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
        ui = u[idx].detach().clone().requires_grad_(True)
        with torch.enable_grad():
            th = to_params(spec, ui, mean[idx], var[idx])
            f = -loglik(spec, th, r[idx], mask[idx], bc[idx]) / n[idx]
            (g,) = torch.autograd.grad(f.sum(), ui)
        return f.detach(), g.detach()

    u0 = start(spec, mean, var)
    res = bfgs(fg, fv, u0, max_iter=max_iter, gtol=gtol, on_iter=on_iter)
    with torch.no_grad():
        th = to_params(spec, res.u, mean, var)
        ll = loglik(spec, th, r, mask, bc)
    out: dict[str, np.ndarray | list[str]] = {}
    for name in ("mu", "omega", "alpha", "gamma", "beta", "nu"):
        out[name] = th[name].cpu().double().numpy() if name in th else np.full(r.shape[0], np.nan)
    nobs = n.cpu().double().numpy()
    llv = ll.cpu().double().numpy()
    out["loglik"] = llv
    out["nobs"] = nobs.astype(np.int64)
    out["aic"] = -2 * llv + 2 * spec.k
    out["bic"] = -2 * llv + spec.k * np.log(nobs)
    out["iterations"] = res.iterations.cpu().numpy().astype(np.int64)
    out["converged"] = res.converged.cpu().numpy().astype(bool)
    out["message"] = res.message
    return out


def loglik_at(spec: ModelSpec, params: dict[str, np.ndarray], r: torch.Tensor, mask: torch.Tensor) -> np.ndarray:
    """Log-likelihood per series at given parameters (used to report float32 drift in float64)."""
    th = {k: torch.as_tensor(v, dtype=r.dtype, device=r.device) for k, v in params.items()
          if k in spec.param_names}
    with torch.no_grad():
        return loglik(spec, th, r, mask, backcast(r, mask)).cpu().double().numpy()




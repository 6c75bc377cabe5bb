"""Fit one GARCH-family model to B series at once (maximum likelihood, batched BFGS)."""
from __future__ import annotations


from typing import Callable

import numpy as np
import torch

from .models import ModelSpec, backcast, loglik, variance
from .optim import OptimResult, bfgs
from .transform import from_params, start, to_params

# arch's starting-value grid (arch.univariate.volatility.GARCH.starting_values): alpha x gamma x persistence
GRID_ALPHA = (0.01, 0.05, 0.1, 0.2)
GRID_PERSISTENCE = (0.5, 0.7, 0.9, 0.98)


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


def grid_start(spec: ModelSpec, r: torch.Tensor, mask: torch.Tensor, mean: torch.Tensor, var: torch.Tensor,
               bc: torch.Tensor) -> torch.Tensor:
    """arch's starting values for GARCH and GJR, per series: the point of arch's grid (alpha, gamma in
    {.01, .05, .1, .2}, alpha + gamma/2 + beta in {.5, .7, .9, .98}, omega = (1 - persistence) var) with
    the highest Gaussian log-likelihood at the sample mean; for t errors nu from the kurtosis of the
    standardised residuals there (max((4k - 6)/(k - 3) if k > 3.75 else 12, 4)), as arch does."""
    gammas = GRID_ALPHA if spec.vol == "GJR" else (0.0,)
    normal = ModelSpec(spec.vol, "normal")
    best_ll = torch.full_like(mean, -float("inf"))
    best = {k: torch.zeros_like(mean) for k in ("omega", "alpha", "gamma", "beta")}
    with torch.no_grad():
        for a in GRID_ALPHA:
            for g in gammas:
                for agb in GRID_PERSISTENCE:
                    th = {"mu": mean, "omega": (1 - agb) * var, "alpha": torch.full_like(mean, a),
                          "gamma": torch.full_like(mean, g), "beta": torch.full_like(mean, agb - a - g / 2)}
                    ll = loglik(normal, th, r, mask, bc)
                    take = ll > best_ll  # strict: the first grid point wins ties, like numpy's argmax
                    best_ll = torch.where(take, ll, best_ll)
                    for k in best:
                        best[k] = torch.where(take, th[k], best[k])
        p = {"mu": mean, **best}
        if spec.dist == "t":
            n = mask.sum(dim=1)
            z = (r - mean.unsqueeze(1)) / torch.sqrt(variance(normal, p, r, bc))
            zm = (z * mask).sum(dim=1) / n
            m2 = (((z - zm.unsqueeze(1)) ** 2) * mask).sum(dim=1) / n
            m4 = (((z - zm.unsqueeze(1)) ** 4) * mask).sum(dim=1) / n
            k = m4 / m2 ** 2
            nu = torch.where(k > 3.75, (4 * k - 6) / (k - 3), torch.full_like(k, 12.0))
            p["nu"] = torch.clamp(nu, min=4.0)
        return from_params(spec, p, mean, var)


def _pick(a: OptimResult, b: OptimResult, take_b: torch.Tensor) -> OptimResult:
    w = take_b
    tb = w.tolist()
    return OptimResult(u=torch.where(w.unsqueeze(1), b.u, a.u), f=torch.where(w, b.f, a.f),
                       grad_max=torch.where(w, b.grad_max, a.grad_max), iterations=a.iterations + b.iterations,
                       converged=torch.where(w, b.converged, a.converged),
                       message=[mb if t else ma for ma, mb, t in zip(a.message, b.message, tb)])


def fit_batch(spec: ModelSpec, r: torch.Tensor, mask: torch.Tensor, *, max_iter: int = 200, gtol: float = 1e-7,
              on_iter: Callable[[int, int], None] | None = None, starts: int | None = None) -> dict[str, np.ndarray | list[str]]:
    """Fit ``spec`` to every row of ``r`` (B, T) where ``mask`` marks the valid observations.

    The objective is the mean negative log-likelihood per observation, so ``gtol`` means the same for
    every series length. GARCH and GJR start from arch's grid (``grid_start``); with ``starts`` = 2 (the
    default for GJR, whose likelihood is often bimodal: a high-persistence and a low-persistence mode)
    every series is fitted a second time from the fixed start of ``transform.start`` and keeps the fit
    with the higher likelihood (``iterations`` then counts both). EGARCH has one fixed start.
    Returns numpy arrays of the parameters (NaN where a model has none), ``loglik``, ``nobs``,
    ``iterations``, ``converged`` and a message per series."""
    if starts is None:
        starts = 2 if spec.vol == "GJR" else 1
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

    grid = spec.vol in ("GARCH", "GJR")
    u0 = grid_start(spec, r, mask, mean, var, bc) if grid else start(spec, mean, var)
    res = bfgs(fg, fv, u0, max_iter=max_iter, gtol=gtol, on_iter=on_iter)
    if starts > 1 and grid:
        # a second fit from the fixed high-persistence start; the higher likelihood wins per series
        res2 = bfgs(fg, fv, start(spec, mean, var), max_iter=max_iter, gtol=gtol, on_iter=on_iter)
        better = torch.isfinite(res2.f) & (~torch.isfinite(res.f) | (res2.f < res.f))
        res = _pick(res, res2, better)
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




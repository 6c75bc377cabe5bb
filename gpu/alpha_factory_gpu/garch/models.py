"""GARCH-family variance recursions and log-likelihoods for a batch of series at once.

Conventions (the same as arch 8 and the TypeScript engine in kernel-lib/src/vol):

* mean model: constant, ``e_t = r_t - mu``;
* GARCH(1,1):  ``s2_t = omega + alpha e_{t-1}^2 + beta s2_{t-1}``;
* GJR(1,1,1):  ``s2_t = omega + (alpha + gamma 1[e_{t-1} < 0]) e_{t-1}^2 + beta s2_{t-1}``;
* EGARCH(1,1,1): ``ln s2_t = omega + alpha (|z_{t-1}| - sqrt(2/pi)) + gamma z_{t-1} + beta ln s2_{t-1}``,
  ``z_t = e_t / s_t``;
* start-up (backcast): ``b = sum_j w_j (r_j - mean(r))^2`` over the first ``tau = min(75, n)``
  observations with ``w_j = 0.94^j / sum 0.94^j``; at t = 0 every lagged ``e^2`` and ``s2`` is replaced
  by ``b`` (GJR's asymmetric term by ``b / 2``; EGARCH uses ``ln b`` for the lagged ``ln s2`` and drops
  the ``z`` terms). The backcast is computed once from the sample mean and held fixed while ``mu`` moves.
* errors: normal, or Student t standardised to unit variance with ``nu > 2`` degrees of freedom.

Series are left-aligned in a (B, T) tensor; ``mask[b, t]`` is 1 for the first ``n_b`` observations of
series b. Padding never touches the log-likelihood.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

import torch

SQRT2_OV_PI = math.sqrt(2.0 / math.pi)
LN_2PI = math.log(2.0 * math.pi)
LNSIGMA_MAX = math.log(torch.finfo(torch.float64).max) - 0.1

VOLS = ("GARCH", "GJR", "EGARCH")
DISTS = ("normal", "t")


@dataclass(frozen=True)
class ModelSpec:
    vol: str
    dist: str

    @property
    def name(self) -> str:
        return f"{self.vol}-{self.dist}"

    @property
    def vol_params(self) -> tuple[str, ...]:
        return {"GARCH": ("omega", "alpha", "beta"), "GJR": ("omega", "alpha", "gamma", "beta"),
                "EGARCH": ("omega", "alpha", "gamma", "beta")}[self.vol]

    @property
    def param_names(self) -> tuple[str, ...]:
        return ("mu",) + self.vol_params + (("nu",) if self.dist == "t" else ())

    @property
    def k(self) -> int:
        return len(self.param_names)


def backcast(r: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
    """arch's start-up variance per series: 0.94-weighted mean of the first min(75, n) squared demeaned returns."""
    n = mask.sum(dim=1)
    mean = (r * mask).sum(dim=1) / n
    T = r.shape[1]
    tau = torch.clamp(n, max=75)
    j = torch.arange(min(75, T), dtype=r.dtype, device=r.device)
    w = 0.94 ** j
    w = w.unsqueeze(0) * (j.unsqueeze(0) < tau.unsqueeze(1)).to(r.dtype)
    w = w / w.sum(dim=1, keepdim=True)
    e2 = (r[:, : j.shape[0]] - mean.unsqueeze(1)) ** 2
    return (w * e2).sum(dim=1)


def variance(spec: ModelSpec, theta: dict[str, torch.Tensor], r: torch.Tensor, bc: torch.Tensor) -> torch.Tensor:
    """Conditional variances s2 (B, T) for parameters theta (each (B,)) and start-up values bc (B,)."""
    e = r - theta["mu"].unsqueeze(1)
    T = r.shape[1]
    om, al, be = theta["omega"], theta["alpha"], theta["beta"]
    out = []
    if spec.vol == "EGARCH":
        ga = theta["gamma"]
        ln_prev = om + be * torch.log(bc)
        ln_prev = torch.clamp(ln_prev, max=LNSIGMA_MAX)
        s2 = torch.exp(ln_prev)
        out.append(s2)
        for t in range(1, T):
            z = e[:, t - 1] / torch.sqrt(s2)
            ln_prev = om + al * (torch.abs(z) - SQRT2_OV_PI) + ga * z + be * ln_prev
            ln_prev = torch.clamp(ln_prev, max=LNSIGMA_MAX)
            s2 = torch.exp(ln_prev)
            out.append(s2)
        return torch.stack(out, dim=1)
    e2 = e * e
    if spec.vol == "GJR":
        ga = theta["gamma"]
        s2_0 = om + (al + be) * bc + ga * 0.5 * bc
        shock = (al.unsqueeze(1) + ga.unsqueeze(1) * (e < 0).to(r.dtype)) * e2
    else:
        s2_0 = om + (al + be) * bc
        shock = al.unsqueeze(1) * e2
    # s2_t = c_t + beta s2_{t-1} with c_t = omega + shock_{t-1}: a linear recursion, solved in blocks of
    # BLOCK steps as s2[t0+i] = sum_{j<=i} beta^(i-j) c[t0+j] + beta^(i+1) s2[t0-1] (one batched matmul each).
    c = om.unsqueeze(1) + shock[:, :-1]
    return torch.cat([s2_0.unsqueeze(1), linear_recursion(c, be, s2_0)], dim=1)


BLOCK = 32


def linear_recursion(c: torch.Tensor, beta: torch.Tensor, x0: torch.Tensor) -> torch.Tensor:
    """x_t = c_t + beta x_{t-1} for t = 1..T (c is (B, T), x_{0} = x0); returns x_1..x_T as (B, T)."""
    B, T = c.shape
    L = min(BLOCK, T) if T > 0 else 1
    i = torch.arange(L, device=c.device, dtype=c.dtype)
    D = (i.view(-1, 1) - i.view(1, -1))
    lower = D >= 0
    P = beta.view(B, 1, 1) ** D.clamp(min=0).unsqueeze(0)
    M = torch.where(lower.unsqueeze(0), P, torch.zeros_like(P))          # (B, L, L): beta^(i-j), j <= i
    pw = beta.view(B, 1) ** (i + 1).unsqueeze(0)                           # (B, L): beta^(i+1)
    out = []
    prev = x0
    for t0 in range(0, T, L):
        blk = c[:, t0: t0 + L]
        l = blk.shape[1]
        x = (M[:, :l, :l] @ blk.unsqueeze(2)).squeeze(2) + pw[:, :l] * prev.unsqueeze(1)
        out.append(x)
        prev = x[:, -1]
    return torch.cat(out, dim=1) if out else c[:, :0]


def loglik(spec: ModelSpec, theta: dict[str, torch.Tensor], r: torch.Tensor, mask: torch.Tensor,
           bc: torch.Tensor) -> torch.Tensor:
    """Log-likelihood per series (B,), summed over each series' valid observations."""
    s2 = variance(spec, theta, r, bc)
    e = r - theta["mu"].unsqueeze(1)
    x = e * e / s2
    if spec.dist == "normal":
        ll = -0.5 * (LN_2PI + torch.log(s2) + x)
    else:
        nu = theta["nu"].unsqueeze(1)
        c = torch.lgamma(0.5 * (nu + 1)) - torch.lgamma(0.5 * nu) - 0.5 * torch.log(math.pi * (nu - 2))
        ll = c - 0.5 * torch.log(s2) - 0.5 * (nu + 1) * torch.log1p(x / (nu - 2))
    return (ll * mask).sum(dim=1)

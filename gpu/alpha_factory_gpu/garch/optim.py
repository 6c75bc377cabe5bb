"""Batched BFGS with a per-series Armijo backtracking line search and per-series convergence masks.

Minimises f_b(u_b) for b = 1..B independent problems at once. ``fg(u, idx)`` returns the values and
gradients for the rows ``idx``; ``fv(u, idx)`` values only. Only the still-active rows are evaluated,
so a batch gets cheaper as its series converge. Converged means ``max|grad| <= gtol``; a row whose
line search cannot improve any more while ``max|grad| <= ftol_gtol`` is also converged (the floor of
floating-point noise); anything else after ``max_iter`` iterations is reported as not converged.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

import torch


@dataclass
class OptimResult:
    u: torch.Tensor
    f: torch.Tensor
    grad_max: torch.Tensor
    iterations: torch.Tensor
    converged: torch.Tensor
    message: list[str]


def bfgs(fg: Callable[[torch.Tensor, torch.Tensor], tuple[torch.Tensor, torch.Tensor]],
         fv: Callable[[torch.Tensor, torch.Tensor], torch.Tensor],
         u0: torch.Tensor, *, max_iter: int = 200, gtol: float = 1e-7, noise_gtol: float = 1e-4,
         max_backtrack: int = 40, on_iter: Callable[[int, int], None] | None = None) -> OptimResult:
    B, k = u0.shape
    dev, dt = u0.device, u0.dtype
    u = u0.clone()
    all_idx = torch.arange(B, device=dev)
    f, g = fg(u, all_idx)
    H = torch.eye(k, dtype=dt, device=dev).repeat(B, 1, 1)
    fresh = torch.ones(B, dtype=torch.bool, device=dev)  # H is still the identity
    iters = torch.zeros(B, dtype=torch.long, device=dev)
    converged = torch.zeros(B, dtype=torch.bool, device=dev)
    stalled = torch.zeros(B, dtype=torch.bool, device=dev)
    bad = ~torch.isfinite(f) | ~torch.isfinite(g).all(dim=1)
    gmax = g.abs().amax(dim=1)
    converged |= (gmax <= gtol) & ~bad
    active = ~converged & ~bad
    for it in range(max_iter):
        idx = all_idx[active]
        if idx.numel() == 0:
            break
        iters[idx] += 1
        gi, Hi = g[idx], H[idx]
        d = -(Hi @ gi.unsqueeze(2)).squeeze(2)
        slope = (gi * d).sum(dim=1)
        reset = ~(slope < 0) | ~torch.isfinite(slope)
        if reset.any():
            Hi[reset] = torch.eye(k, dtype=dt, device=dev)
            d[reset] = -gi[reset]
            slope[reset] = -(gi[reset] ** 2).sum(dim=1)
        # first step from the identity: cap the step length at 1 in u-space
        first = fresh[idx]
        if first.any():
            nrm = d[first].norm(dim=1).clamp(min=1.0)
            d[first] = d[first] / nrm.unsqueeze(1)
            slope[first] = slope[first] / nrm
        step = torch.ones(idx.numel(), dtype=dt, device=dev)
        accepted = torch.zeros(idx.numel(), dtype=torch.bool, device=dev)
        fi = f[idx]
        for _ in range(max_backtrack):
            todo = ~accepted
            if not todo.any():
                break
            j = idx[todo]
            trial = u[j] + step[todo].unsqueeze(1) * d[todo]
            unew = u.clone()
            unew[j] = trial
            ft = fv(unew, j)
            ok = torch.isfinite(ft) & (ft <= fi[todo] + 1e-4 * step[todo] * slope[todo])
            acc = accepted.clone()
            acc[todo] = ok
            accepted = acc
            st = step.clone()
            st[todo] = torch.where(ok, st[todo], st[todo] * 0.5)
            step = st
        moved = idx[accepted]
        failed = idx[~accepted]
        if failed.numel():
            # no decrease along a quasi-Newton direction: forget the curvature and retry along the steepest
            # descent next iteration; if even that finds no decrease, converged when the gradient is at
            # the noise floor, else stalled
            retry = failed[~fresh[failed]]
            H[retry] = torch.eye(k, dtype=dt, device=dev)
            fresh[retry] = True
            final = failed[fresh[failed] & ~torch.isin(failed, retry)]
            floor = gmax[final] <= noise_gtol
            converged[final[floor]] = True
            stalled[final[~floor]] = True
            active[final] = False
        if moved.numel():
            s = step[accepted].unsqueeze(1) * d[accepted]
            unew = u.clone()
            unew[moved] = u[moved] + s
            fn, gn = fg(unew, moved)
            y = gn - g[moved]
            sy = (s * y).sum(dim=1)
            Hm = H[moved]
            f1 = fresh[moved]
            if f1.any():  # scale the identity by s'y / y'y before the first update (Nocedal & Wright 6.20)
                yy = (y[f1] ** 2).sum(dim=1).clamp(min=1e-300)
                Hm[f1] = Hm[f1] * (sy[f1] / yy).clamp(min=1e-8).view(-1, 1, 1)
            upd = sy > 1e-12 * s.norm(dim=1) * y.norm(dim=1)
            if upd.any():
                rho = 1.0 / sy[upd]
                I = torch.eye(k, dtype=dt, device=dev).expand(int(upd.sum()), k, k)
                sv, yv = s[upd].unsqueeze(2), y[upd].unsqueeze(2)
                A = I - rho.view(-1, 1, 1) * sv @ yv.transpose(1, 2)
                Hm[upd] = A @ Hm[upd] @ A.transpose(1, 2) + rho.view(-1, 1, 1) * sv @ sv.transpose(1, 2)
            H[moved] = Hm
            fresh[moved] = False
            u[moved] = unew[moved]
            f[moved], g[moved] = fn, gn
            gmax[moved] = gn.abs().amax(dim=1)
            done = gmax[moved] <= gtol
            converged[moved[done]] = True
            active[moved[done]] = False
            nonfinite = ~torch.isfinite(fn) | ~torch.isfinite(gn).all(dim=1)
            active[moved[nonfinite]] = False
        if on_iter is not None:
            on_iter(it + 1, int(active.sum()))
    msg = []
    for b in range(B):
        if bool(converged[b]):
            msg.append("converged")
        elif bool(bad[b]):
            msg.append("non-finite likelihood at the starting values")
        elif bool(stalled[b]):
            msg.append(f"line search failed with max|grad| = {float(gmax[b]):.3g}")
        else:
            msg.append(f"no convergence in {max_iter} iterations (max|grad| = {float(gmax[b]):.3g})")
    return OptimResult(u=u, f=f, grad_max=gmax, iterations=iters, converged=converged, message=msg)

"""Unconstrained coordinates u (B, k) <-> model parameters, so the optimiser needs no bounds.

* ``mu = mean + sd * u0`` and ``omega = var * exp(u1)`` (GARCH, GJR); EGARCH's ``omega = u1`` is free.
* GARCH: ``(alpha, beta, 1 - alpha - beta) = softmax(u2, u3, 0)``: alpha, beta >= 0, alpha + beta < 1.
* GJR: ``(alpha/2, (alpha+gamma)/2, beta, rest) = softmax(u2, u3, u4, 0)``: alpha >= 0, alpha + gamma >= 0,
  alpha + gamma/2 + beta < 1 (arch's constraint set).
* EGARCH: alpha, gamma free; ``beta = sigmoid(u4)`` in (0, 1) (arch's bounds).
* t errors: ``nu = 2.05 + exp(u_last)`` (arch's lower bound 2.05).
"""
from __future__ import annotations

import math

import torch

from .models import ModelSpec


def to_params(spec: ModelSpec, u: torch.Tensor, mean: torch.Tensor, var: torch.Tensor) -> dict[str, torch.Tensor]:
    sd = torch.sqrt(var)
    p: dict[str, torch.Tensor] = {"mu": mean + sd * u[:, 0]}
    zero = torch.zeros_like(u[:, 0])
    if spec.vol == "GARCH":
        p["omega"] = var * torch.exp(u[:, 1])
        s = torch.softmax(torch.stack([u[:, 2], u[:, 3], zero], dim=1), dim=1)
        p["alpha"], p["beta"] = s[:, 0], s[:, 1]
        last = 4
    elif spec.vol == "GJR":
        p["omega"] = var * torch.exp(u[:, 1])
        s = torch.softmax(torch.stack([u[:, 2], u[:, 3], u[:, 4], zero], dim=1), dim=1)
        p["alpha"] = 2 * s[:, 0]
        p["gamma"] = 2 * (s[:, 1] - s[:, 0])
        p["beta"] = s[:, 2]
        last = 5
    else:
        p["omega"] = u[:, 1]
        p["alpha"], p["gamma"] = u[:, 2], u[:, 3]
        p["beta"] = torch.sigmoid(u[:, 4])
        last = 5
    if spec.dist == "t":
        p["nu"] = 2.05 + torch.exp(u[:, last])
    return p


def start(spec: ModelSpec, mean: torch.Tensor, var: torch.Tensor) -> torch.Tensor:
    """Starting point: mu = sample mean; GARCH alpha .08 beta .90; GJR alpha .04 gamma .08 beta .90;
    EGARCH alpha .1 gamma -.05 beta .95 with omega = .05 ln var; nu = 8."""
    B = mean.shape[0]
    cols = [torch.zeros_like(mean)]
    lg = math.log
    if spec.vol == "GARCH":
        cols += [torch.full_like(mean, lg(0.02)), torch.full_like(mean, lg(0.08 / 0.02)), torch.full_like(mean, lg(0.90 / 0.02))]
    elif spec.vol == "GJR":
        cols += [torch.full_like(mean, lg(0.02)), torch.full_like(mean, lg(0.02 / 0.02)),
                 torch.full_like(mean, lg(0.06 / 0.02)), torch.full_like(mean, lg(0.90 / 0.02))]
    else:
        cols += [0.05 * torch.log(var), torch.full_like(mean, 0.1), torch.full_like(mean, -0.05),
                 torch.full_like(mean, lg(0.95 / 0.05))]
    if spec.dist == "t":
        cols.append(torch.full_like(mean, lg(8.0 - 2.05)))
    u = torch.stack(cols, dim=1)
    assert u.shape == (B, spec.k)
    return u

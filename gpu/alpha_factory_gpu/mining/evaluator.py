"""Formula evaluation and factor metrics on the device (torch tensors, dates x assets, float64).

Semantics are kernel-lib's (kernel-lib/src/alpha/ops, alpha/metrics), operator by operator:

- every value is finite or NaN: a missing input gives NaN, and so do +-inf results (x / 0, log 0);
- a rolling window of d rows needs all d observations finite (pandas ``min_periods = d``);
- ``ts_sum`` / ``ts_mean`` / ``ts_std`` / ``ts_var`` of a window of identical values are exactly
  ``v * d`` / ``v`` / 0 / 0; std and var use ddof 1; ``ts_corr`` is NaN and ``ts_cov`` 0 when either
  window is constant; ``ts_median`` interpolates linearly; ``ts_wma`` weighs today d and d rows ago 1;
  ``ts_ema`` is ``ewm(span=d, adjust=True)`` over the window; ``ts_mad`` is the mean |x - window mean|;
  ``ts_wma`` and ``ts_mad`` add in kernel-lib's order, so they agree to the last bit;
- ``cs_rank`` is the average-tie percentile rank over the finite values of a date, ``cs_zscore``
  uses the date's mean and std (ddof 1), NaN on zero spread;
- ``ts_rank`` is today's percentile rank in its window, ties averaged: (#less + (#equal + 1) / 2) / d
  (kernel-lib's rollingRank, the same exact operations); ``sign`` is Math.sign (-1, +-0 kept, 1);
  ``pow`` is Math.pow on finite operands (NaN in, NaN out: so pow(NaN, 0) is NaN, not 1), NaN where
  the result is not finite (0 ^ -1) or undefined (negative base, fractional exponent);
- label: close(t + h) / close(t) - 1 where both prices are finite and positive;
- IC / RankIC per date over the assets where factor and label are both finite, dates with fewer
  than ``min_assets`` (10) such assets skipped; RankIC uses average ranks; factor return is the OLS
  slope; summaries use ddof 1 (ICIR = mean / std, t = ICIR sqrt(days)).

Results differ from kernel-lib's only by floating-point rounding (sums are added in another order
where kernel-lib keeps running sums; pow and log are the platform's), far below the 1e-6 the tests
require. Ranks, ``sign`` and the operators in grammar.EXACT are bit-for-bit kernel-lib's given
bit-identical operands: the grammar lets tie-making operators (sign, ts_rank, cs_rank) see only
such operands (see grammar.py), so their ties are kernel-lib's.
"""
from __future__ import annotations

import math

import torch

from .grammar import Node, canonical_text

NAN = float("nan")


def fin(x: torch.Tensor) -> torch.Tensor:
    return torch.where(torch.isfinite(x), x, torch.full_like(x, NAN))


def _pad(out: torch.Tensor, d: int, T: int) -> torch.Tensor:
    """Rows 0..d-2 have no full window: NaN."""
    head = torch.full((min(d - 1, T),) + tuple(out.shape[1:]), NAN, dtype=out.dtype, device=out.device)
    return torch.cat([head, out], 0)[:T]


def shift(x: torch.Tensor, lag: int) -> torch.Tensor:
    T = x.shape[0]
    out = torch.full_like(x, NAN)
    if abs(lag) >= T:
        return out
    if lag >= 0:
        out[lag:] = x[: T - lag]
    else:
        out[: T + lag] = x[-lag:]
    return out


def _windows(x: torch.Tensor, d: int):
    """(T-d+1, N, d) windows oldest -> newest, and whether each is complete (all finite)."""
    w = x.unfold(0, d, 1)
    ok = torch.isfinite(w).all(-1)
    return w, ok


def _seq_sum(w: torch.Tensor) -> torch.Tensor:
    """Sum over the last axis in index order (kernel-lib's per-window loops add oldest first)."""
    s = w[..., 0].clone()
    for k in range(1, w.shape[-1]):
        s = s + w[..., k]
    return s


def rolling(op: str, x: torch.Tensor, d: int) -> torch.Tensor:
    T = x.shape[0]
    if op == "delay":
        return shift(x, d)
    if op == "delta":
        return x - shift(x, d)
    if op == "ts_pct":
        return fin(x / shift(x, d) - 1)
    if d > T:
        return torch.full_like(x, NAN)
    w, ok = _windows(x, d)
    if op in ("ts_sum", "ts_mean", "ts_std", "ts_var"):
        last = w[..., -1]
        const = w.amax(-1) == w.amin(-1)
        s = w.sum(-1)
        if op == "ts_sum":
            r = torch.where(const, last * d, s)
        elif op == "ts_mean":
            r = torch.where(const, last, s / d)
        else:
            m = s / d
            v = ((w - m.unsqueeze(-1)) ** 2).sum(-1) / (d - 1)
            v = torch.where(const, torch.zeros_like(v), v.clamp_min(0))
            r = v.sqrt() if op == "ts_std" else v
    elif op == "ts_max":
        r = w.amax(-1)
    elif op == "ts_min":
        r = w.amin(-1)
    elif op == "ts_median":
        s = torch.sort(w, -1).values
        pos = 0.5 * (d - 1)
        lo = int(math.floor(pos))
        hi = lo + 1 if lo + 1 < d else d - 1
        r = s[..., lo] + (s[..., hi] - s[..., lo]) * (pos - lo)
    elif op == "ts_mad":
        m = _seq_sum(w) / d
        r = _seq_sum((w - m.unsqueeze(-1)).abs()) / d
    elif op == "ts_wma":
        norm = 2 / (d * (d + 1))
        r = torch.zeros_like(w[..., 0])
        for k in range(d):  # newest first, weight (d - k) * norm: kernel-lib's order
            r = r + ((d - k) * norm) * w[..., d - 1 - k]
    elif op == "ts_rank":
        today = w[..., -1:]
        less = (w < today).sum(-1).to(x.dtype)
        equal = (w == today).sum(-1).to(x.dtype)
        r = (less + (equal + 1) / 2) / d
    elif op == "ts_ema":
        beta = 1 - 2 / (d + 1)
        norm = 1.0 if d == 1 else (1 - beta) / (1 - beta ** d)
        wts = torch.tensor([beta ** (d - 1 - j) for j in range(d)], dtype=x.dtype, device=x.device)
        r = (w * wts).sum(-1) * norm
    else:
        raise ValueError(f"unknown rolling operator {op!r}")
    r = torch.where(ok, r, torch.full_like(r, NAN))
    return fin(_pad(r, d, T))


def pair(op: str, x: torch.Tensor, y: torch.Tensor, d: int) -> torch.Tensor:
    T = x.shape[0]
    if d > T:
        return torch.full_like(x, NAN)
    wx, okx = _windows(x, d)
    wy, oky = _windows(y, d)
    ok = okx & oky
    flat = (wx.amax(-1) == wx.amin(-1)) | (wy.amax(-1) == wy.amin(-1))
    dx = wx - (wx.sum(-1) / d).unsqueeze(-1)
    dy = wy - (wy.sum(-1) / d).unsqueeze(-1)
    sxy = (dx * dy).sum(-1)
    if op == "ts_cov":
        r = torch.where(flat, torch.zeros_like(sxy), sxy / (d - 1))
    elif op == "ts_corr":
        sxx = (dx * dx).sum(-1)
        syy = (dy * dy).sum(-1)
        r = (sxy / torch.sqrt(sxx * syy)).clamp(-1, 1)
        r = torch.where(flat | (sxx <= 0) | (syy <= 0), torch.full_like(r, NAN), r)
    else:
        raise ValueError(f"unknown pair operator {op!r}")
    r = torch.where(ok, r, torch.full_like(r, NAN))
    return fin(_pad(r, d, T))


def average_ranks(x: torch.Tensor, valid: torch.Tensor) -> torch.Tensor:
    """Per row (date): average-tie ranks 1..m of the valid entries (scipy rankdata 'average'); NaN elsewhere."""
    v = torch.where(valid, x, torch.full_like(x, math.inf))
    s = torch.sort(v, 1).values.contiguous()
    lo = torch.searchsorted(s, v.contiguous(), right=False)
    hi = torch.searchsorted(s, v.contiguous(), right=True)
    r = (lo + hi + 1).to(x.dtype) / 2
    return torch.where(valid, r, torch.full_like(x, NAN))


def cs_rank(x: torch.Tensor) -> torch.Tensor:
    valid = torch.isfinite(x)
    m = valid.sum(1, keepdim=True).to(x.dtype)
    return average_ranks(x, valid) / m


def cs_zscore(x: torch.Tensor) -> torch.Tensor:
    valid = torch.isfinite(x)
    m = valid.sum(1, keepdim=True).to(x.dtype)
    z = torch.where(valid, x, torch.zeros_like(x))
    mean = z.sum(1, keepdim=True) / m
    dev = torch.where(valid, x - mean, torch.zeros_like(x))
    std = torch.sqrt((dev * dev).sum(1, keepdim=True) / (m - 1))
    ok = (m > 1) & (std > 0)
    return fin(torch.where(ok, (x - mean) / std, torch.full_like(x, NAN)))


def _unary(op: str, x: torch.Tensor) -> torch.Tensor:
    if op == "abs":
        return x.abs()
    if op == "log":
        return fin(torch.log(x))
    if op == "slog1p":
        return fin(torch.sign(x) * torch.log1p(x.abs()))
    if op == "inv":
        return fin(1 / x)
    if op == "sqrt":
        return fin(torch.sqrt(x))
    if op == "neg":
        return -x
    if op == "sign":
        # Math.sign keeps -0 and NaN (torch.sign gives +0 for both)
        return fin(torch.where((x == 0) | torch.isnan(x), x, torch.sign(x)))
    if op == "cs_zscore":
        return cs_zscore(x)
    if op == "cs_rank":
        return cs_rank(x)
    raise ValueError(f"unknown unary operator {op!r}")


def _binary(op: str, a, b):
    """Tensors and/or numbers; two numbers too (canonical flattening can put constants next to each
    other: 1 + (x + 2) -> 1 + 2 + x), giving a number, NaN where it is not finite."""
    scalar = not torch.is_tensor(a) and not torch.is_tensor(b)
    if scalar:
        a, b = float(a), float(b)
    if op == "add":
        r = a + b
    elif op == "sub":
        r = a - b
    elif op == "mul":
        r = a * b
    elif op == "div":
        r = (a / b if b != 0 else NAN) if scalar else a / b
    elif op == "pow":
        if scalar:
            try:
                r = math.pow(a, b) if math.isfinite(a) and math.isfinite(b) else NAN
            except (ValueError, OverflowError):  # 0 ^ -1, (-8) ^ 0.5, overflow: NaN as in kernel-lib
                r = NAN
        else:
            ta = a if torch.is_tensor(a) else torch.full_like(b, a)
            tb = b if torch.is_tensor(b) else torch.full_like(a, b)
            # a tensor exponent: elementwise C pow (torch special-cases some scalar exponents:
            # x ^ 0.5 as sqrt(x) would give -0 for -0, where Math.pow gives +0)
            ok = torch.isfinite(ta) & torch.isfinite(tb)
            r = torch.where(ok, torch.pow(ta, tb), torch.full_like(ta, NAN))
    elif op in ("max2", "min2"):
        if scalar:
            r = max(a, b) if op == "max2" else min(a, b)
        else:
            ta = a if torch.is_tensor(a) else torch.full_like(b, a)
            tb = b if torch.is_tensor(b) else torch.full_like(a, b)
            r = torch.maximum(ta, tb) if op == "max2" else torch.minimum(ta, tb)
    else:
        raise ValueError(f"unknown binary operator {op!r}")
    if scalar:
        return r if math.isfinite(r) else NAN
    return fin(r)


class PanelTensors:
    """The panel's fields as (T, N) float64 tensors on the device; ``vwap`` derived when absent."""

    def __init__(self, fields: dict, dates: list[str], assets: list[str], device, dtype=torch.float64):
        self.dates = dates
        self.assets = assets
        self.device = device
        self.fields = {k: torch.as_tensor(v, dtype=dtype, device=device) for k, v in fields.items()}
        if "vwap" not in self.fields and all(k in self.fields for k in ("high", "low", "close")):
            f = self.fields
            # kernel-lib's proxy, parsed from '(high + low + close) / 3' and evaluated as written
            self.fields["vwap"] = fin((f["high"] + f["low"] + f["close"]) / 3)
        self.T = len(dates)
        self.N = len(assets)

    def available(self) -> list[str]:
        return list(self.fields)


class Evaluator:
    """Evaluates formula trees on a PanelTensors, caching sub-formula results by canonical text."""

    def __init__(self, panel: PanelTensors, cache_limit: int = 256):
        self.panel = panel
        self.cache: dict[str, torch.Tensor] = {}
        self.cache_limit = cache_limit

    def clear(self) -> None:
        self.cache.clear()

    def evaluate(self, node: Node) -> torch.Tensor:
        v = self._node(node)
        if not torch.is_tensor(v):
            v = torch.full((self.panel.T, self.panel.N), float(v), dtype=torch.float64, device=self.panel.device)
        return v

    def _node(self, n: Node):
        if n.kind == "number":
            return n.value
        if n.kind == "field":
            if n.name not in self.panel.fields:
                raise KeyError(f"the panel has no field {n.name!r} (fields: {', '.join(self.panel.fields)})")
            return self.panel.fields[n.name]
        key = canonical_text(n)
        hit = self.cache.get(key)
        if hit is not None:
            return hit
        op = n.op
        if len(n.args) == 1:
            r = _unary(op, self._tensor(n.args[0]))
        elif op in ("add", "sub", "mul", "div", "max2", "min2", "pow"):
            r = _binary(op, self._node(n.args[0]), self._node(n.args[1]))
        elif len(n.args) == 2:
            r = rolling(op, self._tensor(n.args[0]), int(n.args[1].value))
        else:
            r = pair(op, self._tensor(n.args[0]), self._tensor(n.args[1]), int(n.args[2].value))
        if len(self.cache) >= self.cache_limit:
            self.cache.pop(next(iter(self.cache)))
        self.cache[key] = r
        return r

    def _tensor(self, n: Node) -> torch.Tensor:
        v = self._node(n)
        if torch.is_tensor(v):
            return v
        return torch.full((self.panel.T, self.panel.N), float(v), dtype=torch.float64, device=self.panel.device)


# ---------------------------------------------------------------- metrics

def forward_return(close: torch.Tensor, horizon: int) -> torch.Tensor:
    if int(horizon) != horizon or horizon < 1:
        raise ValueError(f"params.horizon must be an integer >= 1, got {horizon!r}")
    p1 = shift(close, -horizon)
    ok = torch.isfinite(close) & torch.isfinite(p1) & (close > 0) & (p1 > 0)
    return torch.where(ok, p1 / close - 1, torch.full_like(close, NAN))


def _pearson_rows(x: torch.Tensor, y: torch.Tensor, valid: torch.Tensor, min_assets: int, slope: bool = False):
    m = valid.sum(1).to(x.dtype)
    zx = torch.where(valid, x, torch.zeros_like(x))
    zy = torch.where(valid, y, torch.zeros_like(y))
    mx = zx.sum(1) / m
    my = zy.sum(1) / m
    dx = torch.where(valid, x - mx.unsqueeze(1), torch.zeros_like(x))
    dy = torch.where(valid, y - my.unsqueeze(1), torch.zeros_like(y))
    sxy = (dx * dy).sum(1)
    sxx = (dx * dx).sum(1)
    nan = torch.full_like(sxy, NAN)
    # a factor constant over the date has no IC (kernel-lib's rule): tested on the values, not on
    # sxx, which a mean rounded off the constant leaves tiny but not 0
    inf = torch.full_like(x, math.inf)

    def const(v):
        return torch.where(valid, v, inf).amin(1) == torch.where(valid, v, -inf).amax(1)

    sxx = torch.where(const(x), torch.zeros_like(sxx), sxx)
    if slope:
        r = torch.where(sxx > 0, sxy / sxx, nan)
    else:
        syy = (dy * dy).sum(1)
        syy = torch.where(const(y), torch.zeros_like(syy), syy)
        r = torch.where((sxx == 0) | (syy == 0), nan, sxy / torch.sqrt(sxx * syy))
    return torch.where(m >= min_assets, r, nan)


def daily_metrics(factor: torch.Tensor, label: torch.Tensor, min_assets: int = 10) -> dict[str, torch.Tensor]:
    """Daily IC, RankIC and factor return (each length T, NaN on skipped dates)."""
    valid = torch.isfinite(factor) & torch.isfinite(label)
    ic = _pearson_rows(factor, label, valid, min_assets)
    rf = average_ranks(factor, valid)
    rl = average_ranks(label, valid)
    ric = _pearson_rows(rf, rl, valid, min_assets)
    fr = _pearson_rows(factor, label, valid, min_assets, slope=True)
    return {"ic": ic, "rankIC": ric, "factorReturn": fr}


def summarize(series: torch.Tensor) -> dict[str, float]:
    s = series[torch.isfinite(series)]
    n = int(s.numel())
    mean = float(s.sum() / n) if n > 0 else NAN
    std = float(torch.sqrt(((s - mean) ** 2).sum() / (n - 1))) if n > 1 else NAN
    ir = mean / std if std > 0 else NAN
    t = ir * math.sqrt(n) if std > 0 else NAN
    return {"mean": mean, "std": std, "ir": ir, "tStat": t, "days": n}


def weight_turnover(factor: torch.Tensor, min_assets: int = 10) -> float:
    """Mean daily turnover of the dollar-neutral, gross-1 factor portfolio (kernel-lib weightTurnover)."""
    valid = torch.isfinite(factor)
    n = valid.sum(1, keepdim=True).to(factor.dtype)
    z = torch.where(valid, factor, torch.zeros_like(factor))
    mean = z.sum(1, keepdim=True) / n
    dev = torch.where(valid, factor - mean, torch.zeros_like(factor))
    gross = dev.abs().sum(1, keepdim=True)
    ok = (n >= min_assets) & (gross > 0)
    w = torch.where(ok & valid, dev / gross, torch.zeros_like(factor))
    if w.shape[0] < 2:
        return NAN
    daily = (w[1:] - w[:-1]).abs().sum(1)
    return summarize(daily)["mean"]


def finite_ratio(factor: torch.Tensor, label: torch.Tensor) -> float:
    lab = torch.isfinite(label)
    n = int(lab.sum())
    return float((lab & torch.isfinite(factor)).sum()) / n if n > 0 else 0.0


def uniqueness(factor: torch.Tensor) -> float:
    v = factor[torch.isfinite(factor)]
    return float(torch.unique(v).numel()) / v.numel() if v.numel() > 0 else 0.0


def series_correlation(a: torch.Tensor, b: torch.Tensor) -> float:
    """Pearson correlation of two daily series over the dates where both are finite (NaN if < 3)."""
    ok = torch.isfinite(a) & torch.isfinite(b)
    if int(ok.sum()) < 3:
        return NAN
    x, y = a[ok], b[ok]
    dx, dy = x - x.mean(), y - y.mean()
    sxx, syy = float((dx * dx).sum()), float((dy * dy).sum())
    if sxx == 0 or syy == 0:
        return NAN
    return float((dx * dy).sum()) / math.sqrt(sxx * syy)

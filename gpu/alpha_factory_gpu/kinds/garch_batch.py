"""garch-batch: fit a grid of GARCH-family models to every series of a wide returns table.

Params (all optional):
  input      name of the spec input holding the returns (default "returns"); a wide table with an
             optional `date` column and one numeric column per series (NaN/null = missing; leading and
             trailing gaps are trimmed per series, an inner gap fails that series only)
  models     list of {"vol": GARCH|GJR|EGARCH, "dist": normal|t} (default [{"vol": "GARCH", "dist": "normal"}])
  dtype      float64 (default) or float32; float32 also reports each fit's log-likelihood re-evaluated in
             float64 at the float32 parameters and the relative drift between the two
  scale      multiply the returns by this before fitting (default 1; 100 turns decimal returns into percent)
  maxIter    BFGS iterations per fit (default 200); gtol: max |gradient| of the mean NLL (default 1e-7)
  starts     1 or 2 optimiser starts per GARCH/GJR fit (default 2 for GJR, 1 for GARCH; see garch.fit_batch)
  chunkSize  series per batch on the device (default 65536)
  throttleMs pause after each optimiser iteration (default 0; for demonstrations and cancel tests)
  sigma      true: also write each model's fitted conditional volatility as a wide table
             `sigma-<vol>-<dist>.arrow` (the input's dates x series, null outside each series' data)

Artifact garch.arrow: one row per (series, model): series, vol, dist, mu, omega, alpha, gamma, beta, nu
(null where the model has no such parameter), loglik, aic, bic, nobs, iterations, converged, message
[, loglik_f64, drift].
"""
from __future__ import annotations

import time

import numpy as np
import pyarrow as pa
import torch

from ..arrow_io import read_table, wide_matrix, write_table
from ..garch import DISTS, VOLS, ModelSpec, conditional_volatility, first_valid, fit_batch, left_align, loglik_at

PARAMS = ("mu", "omega", "alpha", "gamma", "beta", "nu")


def parse_models(raw) -> list[ModelSpec]:
    if raw is None:
        return [ModelSpec("GARCH", "normal")]
    if not isinstance(raw, list) or not raw:
        raise ValueError("params.models must be a non-empty list of {vol, dist}")
    out = []
    for i, m in enumerate(raw):
        vol, dist = str(m.get("vol", "GARCH")).upper(), str(m.get("dist", "normal")).lower()
        if vol not in VOLS:
            raise ValueError(f"params.models[{i}].vol must be one of {', '.join(VOLS)}, got {vol!r}")
        if dist not in DISTS:
            raise ValueError(f"params.models[{i}].dist must be one of {', '.join(DISTS)}, got {dist!r}")
        out.append(ModelSpec(vol, dist))
    return out


def run(ctx) -> list[str]:
    p = ctx.params
    models = parse_models(p.get("models"))
    dtype = {"float64": torch.float64, "float32": torch.float32}.get(p.get("dtype", "float64"))
    if dtype is None:
        raise ValueError(f"params.dtype must be float64 or float32, got {p.get('dtype')!r}")
    scale = float(p.get("scale", 1.0))
    max_iter = int(p.get("maxIter", 200))
    gtol = float(p.get("gtol", 1e-7 if dtype == torch.float64 else 1e-4))
    chunk = int(p.get("chunkSize", 65536))
    starts = p.get("starts")
    if starts is not None and starts not in (1, 2):
        raise ValueError(f"params.starts must be 1 or 2, got {starts!r}")
    throttle = float(p.get("throttleMs", 0)) / 1000.0
    name = p.get("input", "returns")
    spec_in = ctx.job.spec["inputs"].get(name, {})
    table = read_table(ctx.job.input_path(name), spec_in.get("format", "arrow"))
    names, dates, x = wide_matrix(table)
    want_sigma = bool(p.get("sigma", False))
    offsets = first_valid(x)
    sigma_files: list[str] = []
    x = x * scale
    aligned, mask, problems = left_align(x)
    B = len(names)
    ok = np.array([pr == "" for pr in problems])
    ctx.log.info("garch-batch: %d series x %d dates, %d usable, models %s, %s on %s", B, x.shape[0], int(ok.sum()),
                 ", ".join(m.name for m in models), p.get("dtype", "float64"), ctx.device)
    rows: dict[str, list] = {k: [] for k in ("series", "vol", "dist", *PARAMS, "loglik", "aic", "bic", "nobs",
                                              "iterations", "converged", "message")}
    if dtype == torch.float32:
        rows["loglik_f64"], rows["drift"] = [], []
    idx_ok = np.flatnonzero(ok)
    chunks = [idx_ok[i: i + chunk] for i in range(0, len(idx_ok), chunk)] or [idx_ok]
    units = len(models) * len(chunks)
    done = 0
    t0 = time.perf_counter()
    fits = 0
    for m in models:
        sigma_wide = np.full(x.shape, np.nan)
        res_all = {k: [None] * B for k in (*PARAMS, "loglik", "aic", "bic", "nobs", "iterations", "converged",
                                             "message", "loglik_f64", "drift")}
        for ch in chunks:
            if len(ch):
                r = torch.as_tensor(aligned[ch], dtype=dtype, device=ctx.device)
                mk = torch.as_tensor(mask[ch], dtype=dtype, device=ctx.device)
                Bc = len(ch)

                def on_iter(it: int, active: int, _done=done, _Bc=Bc, _m=m) -> None:
                    frac = (_done + 0.5 * (1 - active / _Bc) + 0.5 * min(1.0, it / 60)) / units
                    ctx.progress(frac, f"{_m.name}: iteration {it}, {_Bc - active}/{_Bc} series done")
                    if throttle:
                        time.sleep(throttle)

                out = fit_batch(m, r, mk, max_iter=max_iter, gtol=gtol, on_iter=on_iter, starts=starts)
                if dtype == torch.float32:
                    r64 = torch.as_tensor(aligned[ch], dtype=torch.float64, device=ctx.device)
                    m64 = torch.as_tensor(mask[ch], dtype=torch.float64, device=ctx.device)
                    ll64 = loglik_at(m, {k: out[k] for k in PARAMS}, r64, m64)
                    out["loglik_f64"] = ll64
                    out["drift"] = np.abs(np.asarray(out["loglik"]) - ll64) / np.abs(ll64)
                if want_sigma:
                    sig = conditional_volatility(m, {k: out[k] for k in PARAMS}, r, mk)
                    for j, b in enumerate(ch):
                        n_b = int(mask[b].sum())
                        sigma_wide[offsets[b]: offsets[b] + n_b, b] = sig[j, :n_b]
                for j, b in enumerate(ch):
                    for k in res_all:
                        if k in out:
                            v = out[k][j]
                            res_all[k][b] = v.item() if hasattr(v, "item") else v
                fits += len(ch)
            done += 1
            ctx.progress(done / units, f"{m.name}: {fits} fits", force=True)
        if want_sigma:
            fname = f"sigma-{m.vol}-{m.dist}.arrow"
            cols = {} if dates is None else {"date": pa.array(dates, type=pa.string())}
            for b in range(B):
                cols[names[b]] = pa.array(sigma_wide[:, b], type=pa.float64(), from_pandas=True)
            write_table(pa.table(cols), ctx.job.artifact_tmp(fname))
            sigma_files.append(fname)
        for b in range(B):
            rows["series"].append(names[b])
            rows["vol"].append(m.vol)
            rows["dist"].append(m.dist)
            if not ok[b]:
                for k in PARAMS + ("loglik", "aic", "bic"):
                    rows[k].append(None)
                rows["nobs"].append(int(mask[b].sum()))
                rows["iterations"].append(0)
                rows["converged"].append(False)
                rows["message"].append(problems[b])
                if dtype == torch.float32:
                    rows["loglik_f64"].append(None)
                    rows["drift"].append(None)
                continue
            for k in PARAMS + ("loglik", "aic", "bic"):
                v = res_all[k][b]
                rows[k].append(None if v is None or not np.isfinite(v) else float(v))
            rows["nobs"].append(int(res_all["nobs"][b]))
            rows["iterations"].append(int(res_all["iterations"][b]))
            rows["converged"].append(bool(res_all["converged"][b]))
            rows["message"].append(str(res_all["message"][b]))
            if dtype == torch.float32:
                rows["loglik_f64"].append(float(res_all["loglik_f64"][b]))
                rows["drift"].append(float(res_all["drift"][b]))
    elapsed = time.perf_counter() - t0
    ctx.log.info("garch-batch: %d fits in %.2f s (%.1f fits/s)", fits, elapsed, fits / max(elapsed, 1e-9))
    types = {"series": pa.string(), "vol": pa.string(), "dist": pa.string(), "nobs": pa.int64(),
             "iterations": pa.int64(), "converged": pa.bool_(), "message": pa.string()}
    arrays = {k: pa.array(v, type=types.get(k, pa.float64())) for k, v in rows.items()}
    tbl = pa.table(arrays)
    tbl = tbl.replace_schema_metadata({"fits_per_second": f"{fits / max(elapsed, 1e-9):.6g}",
                                       "elapsed_s": f"{elapsed:.6g}", "device": str(ctx.device)})
    write_table(tbl, ctx.job.artifact_tmp("garch.arrow"))
    for f in sigma_files:
        ctx.job.publish(f)
    ctx.job.publish("garch.arrow")
    return ["garch.arrow", *sigma_files]

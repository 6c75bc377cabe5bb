"""forecaster-train: a grid sweep of neural forecasters on a wide table; the best exported to ONNX.

Params (all optional):
  input        spec input with the series (default "returns"; wide table: optional `date` + numeric columns)
  lookback     window length fed to the model (default 32); horizon: values predicted (default 1)
  archs        subset of ["lstm", "gru", "transformer", "nbeats"] (default all four)
  hidden       list of hidden sizes (default [32]); layers: list of depths (default [1]); lr: list (default [1e-3])
  epochs       training epochs per trial (default 20); batchSize (default 256)
  valFraction  last fraction of the dates used for validation (default 0.2)
  scale        multiply the input by this before anything else (default 1)

The sweep is a plain loop over archs x hidden x layers x lr (trial k is seeded with seed + k, Adam, MSE,
float32). The trial with the lowest validation MSE is exported.

Artifacts: best.onnx (input "x": float32 (batch, lookback) raw values, output "y": (batch, horizon));
trials.arrow (one row per trial); reference.arrow (up to 64 validation windows x0..x{L-1} and the
PyTorch outputs y0..y{H-1} of the exported model, for checking an ONNX runtime against PyTorch);
forecaster.json (best trial, lookback, horizon, validation MSE, naive zero-change MSE, versions).
"""
from __future__ import annotations

import itertools
import json
import time

import numpy as np
import pyarrow as pa
import torch

from ..arrow_io import read_table, wide_matrix, write_table
from ..forecast import ARCHS, build, windows


def _list(v, default):
    if v is None:
        return list(default)
    return list(v) if isinstance(v, (list, tuple)) else [v]


def run(ctx) -> list[str]:
    p = ctx.params
    lookback, horizon = int(p.get("lookback", 32)), int(p.get("horizon", 1))
    archs = _list(p.get("archs"), ARCHS)
    for a in archs:
        if a not in ARCHS:
            raise ValueError(f"params.archs: unknown forecaster {a!r} (expected {', '.join(ARCHS)})")
    hidden, layers, lrs = _list(p.get("hidden"), [32]), _list(p.get("layers"), [1]), _list(p.get("lr"), [1e-3])
    epochs, bs = int(p.get("epochs", 20)), int(p.get("batchSize", 256))
    name = p.get("input", "returns")
    fmt = ctx.job.spec["inputs"].get(name, {}).get("format", "arrow")
    _names, _dates, x = wide_matrix(read_table(ctx.job.input_path(name), fmt))
    x = x * float(p.get("scale", 1.0))
    xtr, ytr, xva, yva = windows(x, lookback, horizon, float(p.get("valFraction", 0.2)))
    if len(xtr) < 2 or len(xva) < 1:
        raise ValueError(f"too few windows ({len(xtr)} training, {len(xva)} validation) for lookback {lookback}; "
                         "give longer series or a smaller lookback")
    mean, std = float(xtr.mean()), float(xtr.std() or 1.0)
    dev = ctx.device
    Xtr, Ytr = torch.tensor(xtr, dtype=torch.float32, device=dev), torch.tensor(ytr, dtype=torch.float32, device=dev)
    Xva, Yva = torch.tensor(xva, dtype=torch.float32, device=dev), torch.tensor(yva, dtype=torch.float32, device=dev)
    naive = float(((yva - xva[:, -1:]) ** 2).mean())
    grid = list(itertools.product(archs, hidden, layers, lrs))
    ctx.log.info("forecaster-train: %d training / %d validation windows, %d trials, %d epochs each, on %s",
                 len(xtr), len(xva), len(grid), epochs, dev)
    trials, best, best_model = [], None, None
    for k, (arch, h, nl, lr) in enumerate(grid):
        torch.manual_seed(ctx.seed + k)
        gen = torch.Generator(device="cpu").manual_seed(ctx.seed + k)
        model = build(arch, lookback, horizon, int(h), int(nl), mean, std).to(dev)
        opt = torch.optim.Adam(model.parameters(), lr=float(lr))
        t0 = time.perf_counter()
        for ep in range(epochs):
            model.train()
            perm = torch.randperm(len(Xtr), generator=gen).to(dev)
            for s in range(0, len(Xtr), bs):
                idx = perm[s: s + bs]
                opt.zero_grad()
                loss = torch.mean((model(Xtr[idx]) - Ytr[idx]) ** 2)
                loss.backward()
                opt.step()
            ctx.progress((k + (ep + 1) / epochs) / len(grid), f"trial {k + 1}/{len(grid)} {arch}: epoch {ep + 1}/{epochs}")
        model.eval()
        with torch.no_grad():
            tr = float(torch.mean((model(Xtr) - Ytr) ** 2))
            va = float(torch.mean((model(Xva) - Yva) ** 2))
        row = {"trial": k, "arch": arch, "hidden": int(h), "layers": int(nl), "lr": float(lr), "epochs": epochs,
               "train_mse": tr, "val_mse": va, "params": sum(q.numel() for q in model.parameters()),
               "seconds": time.perf_counter() - t0}
        trials.append(row)
        ctx.log.info("trial %d %s hidden %d layers %d lr %g: val MSE %.6g (train %.6g)", k, arch, h, nl, lr, va, tr)
        if np.isfinite(va) and (best is None or va < best["val_mse"]):
            best, best_model = row, model
    if best is None:
        raise RuntimeError("every trial diverged (non-finite validation MSE)")
    # export the best model (CPU, float32) and the PyTorch reference outputs
    m = best_model.to("cpu").float().eval()
    sample = torch.tensor(xva[:64], dtype=torch.float32)
    with torch.no_grad():
        ref = m(sample).numpy()
    torch.onnx.export(m, (sample,), str(ctx.job.artifact_tmp("best.onnx")), dynamo=False, input_names=["x"],
                      output_names=["y"], dynamic_axes={"x": {0: "batch"}, "y": {0: "batch"}}, opset_version=17)
    cols = {f"x{i}": pa.array(sample[:, i].numpy().astype(np.float64)) for i in range(lookback)}
    cols.update({f"y{j}": pa.array(ref[:, j].astype(np.float64)) for j in range(horizon)})
    write_table(pa.table(cols), ctx.job.artifact_tmp("reference.arrow"))
    write_table(pa.table({k: [t[k] for t in trials] for k in trials[0]}), ctx.job.artifact_tmp("trials.arrow"))
    meta = {"best": best, "lookback": lookback, "horizon": horizon, "input": "x", "output": "y", "dtype": "float32",
            "val_mse": best["val_mse"], "naive_val_mse": naive, "train_windows": len(xtr), "val_windows": len(xva),
            "seed": ctx.seed, "torch": torch.__version__, "sweep": "grid (plain loop)"}
    ctx.job.artifact_tmp("forecaster.json").write_text(json.dumps(meta, indent=1) + "\n")
    out = ["trials.arrow", "reference.arrow", "forecaster.json", "best.onnx"]
    for f in out:
        ctx.job.publish(f)
    return out

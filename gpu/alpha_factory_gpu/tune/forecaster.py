"""The forecaster trainable: one trial = one model (LSTM, GRU, Transformer or N-BEATS-style) trained
epoch by epoch on sliding windows, scored by the validation MSE after each epoch.

Config keys (the search space; defaults in DEFAULTS): arch, hidden, layers, lr, lookback, batchSize,
epochs (the trial's own cap). The data (wide matrix, horizon, validation fraction) is shared by all
trials; windows are cut once per lookback.
"""
from __future__ import annotations

import json
from typing import Any

import numpy as np
import pyarrow as pa
import torch

from ..arrow_io import write_table
from ..forecast import ARCHS, build, windows

DEFAULTS: dict[str, Any] = {"arch": "gru", "hidden": 32, "layers": 1, "lr": 1e-3, "lookback": 32, "batchSize": 256}
KEYS = ("arch", "hidden", "layers", "lr", "lookback", "batchSize", "epochs")


def check_config(cfg: dict[str, Any], where: str) -> dict[str, Any]:
    unknown = [k for k in cfg if k not in KEYS]
    if unknown:
        raise ValueError(f"{where}: unknown hyperparameter {unknown[0]!r} (a forecaster trial takes {', '.join(KEYS)})")
    out = {**DEFAULTS, **cfg}
    if out["arch"] not in ARCHS:
        raise ValueError(f"{where}: unknown forecaster {out['arch']!r} (expected {', '.join(ARCHS)})")
    for k in ("hidden", "layers", "lookback", "batchSize"):
        if int(out[k]) < 1:
            raise ValueError(f"{where}: {k} must be >= 1, got {out[k]!r}")
    if not float(out["lr"]) > 0:
        raise ValueError(f"{where}: lr must be > 0, got {out['lr']!r}")
    return out


class ForecastData:
    """The series (T, B) cut into training/validation windows, once per lookback."""

    def __init__(self, x: np.ndarray, horizon: int, val_fraction: float):
        self.x, self.horizon, self.val_fraction = x, horizon, val_fraction
        self._cache: dict[int, tuple[np.ndarray, ...]] = {}

    def get(self, lookback: int) -> tuple[np.ndarray, ...]:
        if lookback not in self._cache:
            xtr, ytr, xva, yva = windows(self.x, lookback, self.horizon, self.val_fraction)
            if len(xtr) < 2 or len(xva) < 1:
                raise ValueError(f"too few windows ({len(xtr)} training, {len(xva)} validation) for lookback "
                                 f"{lookback}; give longer series or a smaller lookback")
            self._cache[lookback] = (xtr, ytr, xva, yva)
        return self._cache[lookback]


class ForecasterTrial:
    def __init__(self, cfg: dict[str, Any], data: ForecastData, seed: int, device: Any):
        self.cfg = cfg
        self.lookback = int(cfg["lookback"])
        xtr, ytr, xva, yva = data.get(self.lookback)
        self.horizon = data.horizon
        self.mean, self.std = float(xtr.mean()), float(xtr.std() or 1.0)
        self.device = device
        f32 = torch.float32
        self.Xtr, self.Ytr = torch.tensor(xtr, dtype=f32, device=device), torch.tensor(ytr, dtype=f32, device=device)
        self.Xva, self.Yva = torch.tensor(xva, dtype=f32, device=device), torch.tensor(yva, dtype=f32, device=device)
        self.xva = xva
        torch.manual_seed(seed)
        self.gen = torch.Generator(device="cpu").manual_seed(seed)
        self.model = build(cfg["arch"], self.lookback, self.horizon, int(cfg["hidden"]), int(cfg["layers"]),
                           self.mean, self.std).to(device)
        self.opt = torch.optim.Adam(self.model.parameters(), lr=float(cfg["lr"]))
        self.bs = int(cfg["batchSize"])

    def train_epoch(self) -> dict[str, float]:
        self.model.train()
        perm = torch.randperm(len(self.Xtr), generator=self.gen).to(self.device)
        for s in range(0, len(self.Xtr), self.bs):
            idx = perm[s: s + self.bs]
            self.opt.zero_grad()
            loss = torch.mean((self.model(self.Xtr[idx]) - self.Ytr[idx]) ** 2)
            loss.backward()
            self.opt.step()
        self.model.eval()
        with torch.no_grad():
            tr = float(torch.mean((self.model(self.Xtr) - self.Ytr) ** 2))
            va = float(torch.mean((self.model(self.Xva) - self.Yva) ** 2))
        return {"val_mse": va, "train_mse": tr}

    @property
    def n_params(self) -> int:
        return sum(q.numel() for q in self.model.parameters())

    def state(self) -> dict[str, Any]:
        return {"config": self.cfg, "mean": self.mean, "std": self.std,
                "state_dict": {k: v.detach().to("cpu").clone() for k, v in self.model.state_dict().items()}}


def rebuild(state: dict[str, Any], horizon: int) -> torch.nn.Module:
    cfg = state["config"]
    m = build(cfg["arch"], int(cfg["lookback"]), horizon, int(cfg["hidden"]), int(cfg["layers"]), state["mean"],
              state["std"])
    m.load_state_dict(state["state_dict"])
    return m.float().eval()


def export(job, state: dict[str, Any], data: ForecastData, meta: dict[str, Any]) -> list[str]:
    """best.onnx (input "x" float32 (batch, lookback) raw values, output "y" (batch, horizon)), reference.arrow
    (up to 64 validation windows and PyTorch's outputs on them) and forecaster.json, as temp artifacts."""
    lookback, horizon = int(state["config"]["lookback"]), data.horizon
    m = rebuild(state, horizon)
    xva = data.get(lookback)[2]
    sample = torch.tensor(xva[:64], dtype=torch.float32)
    with torch.no_grad():
        ref = m(sample).numpy()
    torch.onnx.export(m, (sample,), str(job.artifact_tmp("best.onnx")), dynamo=False, input_names=["x"],
                      output_names=["y"], dynamic_axes={"x": {0: "batch"}, "y": {0: "batch"}}, opset_version=17)
    cols = {f"x{i}": pa.array(sample[:, i].numpy().astype(np.float64)) for i in range(lookback)}
    cols.update({f"y{j}": pa.array(ref[:, j].astype(np.float64)) for j in range(horizon)})
    write_table(pa.table(cols), job.artifact_tmp("reference.arrow"))
    full = {"lookback": lookback, "horizon": horizon, "input": "x", "output": "y", "dtype": "float32",
            "torch": torch.__version__, **meta}
    job.artifact_tmp("forecaster.json").write_text(json.dumps(full, indent=1) + "\n")
    return ["reference.arrow", "forecaster.json", "best.onnx"]

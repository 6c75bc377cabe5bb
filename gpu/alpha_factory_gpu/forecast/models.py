"""Forecasters mapping a window x (batch, lookback) to the next values y (batch, horizon).

Every model standardises its input with fixed scalars (mean, std of the training data, stored as
buffers, so the exported ONNX graph takes raw values) and undoes it on the output.

* ``lstm`` / ``gru``: a recurrent stack over the window, a linear head on the last hidden state.
* ``transformer``: linear embedding + learned positions, a TransformerEncoder (2 heads, no dropout),
  a linear head on the last position.
* ``nbeats``: N-BEATS-style generic blocks (Oreshkin et al. 2020): each block is a 4-layer MLP whose output
  is split into a backcast (subtracted from the block's input) and a forecast (summed over blocks).
"""
from __future__ import annotations

import torch
from torch import nn

ARCHS = ("lstm", "gru", "transformer", "nbeats")


class _Scaled(nn.Module):
    def __init__(self, mean: float, std: float):
        super().__init__()
        self.register_buffer("mu", torch.tensor(float(mean)))
        self.register_buffer("sd", torch.tensor(float(std)))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.core((x - self.mu) / self.sd) * self.sd + self.mu


class RNNForecaster(_Scaled):
    def __init__(self, cell: str, lookback: int, horizon: int, hidden: int, layers: int, mean: float, std: float):
        super().__init__(mean, std)
        rnn = {"lstm": nn.LSTM, "gru": nn.GRU}[cell]
        self.rnn = rnn(1, hidden, num_layers=layers, batch_first=True)
        self.head = nn.Linear(hidden, horizon)

    def core(self, z: torch.Tensor) -> torch.Tensor:
        out, _ = self.rnn(z.unsqueeze(-1))
        return self.head(out[:, -1])


class TransformerForecaster(_Scaled):
    def __init__(self, lookback: int, horizon: int, hidden: int, layers: int, mean: float, std: float):
        super().__init__(mean, std)
        d = max(4, hidden - hidden % 2)
        self.embed = nn.Linear(1, d)
        self.pos = nn.Parameter(torch.zeros(1, lookback, d))
        layer = nn.TransformerEncoderLayer(d, nhead=2, dim_feedforward=2 * d, dropout=0.0, batch_first=True)
        self.enc = nn.TransformerEncoder(layer, num_layers=layers, enable_nested_tensor=False)
        self.head = nn.Linear(d, horizon)

    def core(self, z: torch.Tensor) -> torch.Tensor:
        h = self.embed(z.unsqueeze(-1)) + self.pos
        return self.head(self.enc(h)[:, -1])


class NBeatsForecaster(_Scaled):
    def __init__(self, lookback: int, horizon: int, hidden: int, layers: int, mean: float, std: float):
        super().__init__(mean, std)
        self.lookback, self.horizon = lookback, horizon
        self.blocks = nn.ModuleList([
            nn.Sequential(nn.Linear(lookback, hidden), nn.ReLU(), nn.Linear(hidden, hidden), nn.ReLU(),
                          nn.Linear(hidden, hidden), nn.ReLU(), nn.Linear(hidden, hidden), nn.ReLU(),
                          nn.Linear(hidden, lookback + horizon))
            for _ in range(max(1, layers) * 2)
        ])

    def core(self, z: torch.Tensor) -> torch.Tensor:
        resid = z
        fc = torch.zeros(z.shape[0], self.horizon, dtype=z.dtype, device=z.device)
        for blk in self.blocks:
            theta = blk(resid)
            resid = resid - theta[:, : self.lookback]
            fc = fc + theta[:, self.lookback:]
        return fc


def build(arch: str, lookback: int, horizon: int, hidden: int, layers: int, mean: float, std: float) -> nn.Module:
    if arch in ("lstm", "gru"):
        return RNNForecaster(arch, lookback, horizon, hidden, layers, mean, std)
    if arch == "transformer":
        return TransformerForecaster(lookback, horizon, hidden, layers, mean, std)
    if arch == "nbeats":
        return NBeatsForecaster(lookback, horizon, hidden, layers, mean, std)
    raise ValueError(f"unknown forecaster {arch!r} (expected one of {', '.join(ARCHS)})")

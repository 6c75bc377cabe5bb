"""The generator (LSTM | GRU | Transformer) and the predictor of the generative-predictive miner.

The generator is autoregressive: at each position it reads the previous token (as a one-hot vector,
so relaxed one-hots pass gradients) plus a projection of its latent noise, and emits logits over the
vocabulary; the grammar's validity mask sets the logits of disallowed tokens to -inf before sampling,
so every sequence is a valid formula. In training the tokens are drawn with the straight-through
Gumbel-softmax, so the predictor's score of the whole sequence back-propagates into the generator
(AlphaForge trains its generator against the predictor the same way, through one-hot sequences).

The predictor regresses a formula's fitness from its one-hot token sequence (a small MLP).
"""
from __future__ import annotations

import torch
from torch import nn
import torch.nn.functional as F

from .grammar import GrammarState, Vocabulary, allowed, step

GENERATORS = ("LSTM", "GRU", "Transformer")


class Generator(nn.Module):
    def __init__(self, kind: str, vocab: Vocabulary, max_length: int, hidden: int = 64, latent: int = 16):
        super().__init__()
        if kind not in GENERATORS:
            raise ValueError(f"params.generator must be one of {', '.join(GENERATORS)}, got {kind!r}")
        self.kind = kind
        self.vocab = vocab
        self.V = len(vocab)
        self.L = max_length + 1  # tokens + END
        self.latent = latent
        self.embed = nn.Linear(self.V, hidden)
        self.zproj = nn.Linear(latent, hidden)
        if kind == "LSTM":
            self.core = nn.LSTM(hidden, hidden, batch_first=True)
        elif kind == "GRU":
            self.core = nn.GRU(hidden, hidden, batch_first=True)
        else:
            self.pos = nn.Parameter(torch.randn(self.L, hidden) * 0.02)
            layer = nn.TransformerEncoderLayer(hidden, nhead=4, dim_feedforward=2 * hidden, dropout=0.0, batch_first=True)
            self.core = nn.TransformerEncoder(layer, num_layers=2, enable_nested_tensor=False)
        self.head = nn.Linear(hidden, self.V)

    def sample(self, batch: int, *, train: bool, uniform: bool = False, tau: float = 1.0):
        """Sample `batch` formulas: (one-hot sequences (B, L, V), token index lists).

        train: straight-through Gumbel-softmax (differentiable); else plain sampling without gradients.
        uniform: ignore the network and draw uniformly among the allowed tokens (exploration).
        """
        dev = self.head.weight.device
        dt = self.head.weight.dtype
        states = [GrammarState() for _ in range(batch)]
        z = torch.randn(batch, self.latent, device=dev, dtype=dt)
        zp = self.zproj(z)
        prev = torch.zeros(batch, self.V, device=dev, dtype=dt)  # BOS = all zeros
        inputs: list[torch.Tensor] = []
        outs: list[torch.Tensor] = []
        h = None
        tokens: list[list[int]] = [[] for _ in range(batch)]
        for k in range(self.L):
            x = self.embed(prev) + zp
            if uniform:
                logits = torch.zeros(batch, self.V, device=dev, dtype=dt)
            elif self.kind in ("LSTM", "GRU"):
                o, h = self.core(x.unsqueeze(1), h)
                logits = self.head(o[:, 0])
            else:
                inputs.append(x)
                seq = torch.stack(inputs, 1) + self.pos[: k + 1]
                causal = nn.Transformer.generate_square_subsequent_mask(k + 1, device=dev, dtype=dt)
                o = self.core(seq, mask=causal, is_causal=True)
                logits = self.head(o[:, -1])
            mask = torch.tensor([allowed(s, self.vocab, self.L - 1) for s in states], device=dev)
            logits = logits.masked_fill(~mask, float("-inf"))
            if train and not uniform:
                y = F.gumbel_softmax(logits, tau=tau, hard=True)
            else:
                with torch.no_grad():
                    idx = torch.multinomial(torch.softmax(logits.detach(), -1), 1)[:, 0]
                    y = F.one_hot(idx, self.V).to(dt)
            idx = y.detach().argmax(-1).tolist()
            for b, i in enumerate(idx):
                step(states[b], self.vocab.tokens[i])
                tokens[b].append(i)
            outs.append(y)
            prev = y
        return torch.stack(outs, 1), tokens


class Predictor(nn.Module):
    def __init__(self, vocab_size: int, length: int, hidden: int = 128):
        super().__init__()
        self.net = nn.Sequential(nn.Flatten(), nn.Linear(vocab_size * length, hidden), nn.ReLU(),
                                 nn.Linear(hidden, hidden), nn.ReLU(), nn.Linear(hidden, 1))

    def forward(self, onehots: torch.Tensor) -> torch.Tensor:
        return self.net(onehots)[:, 0]


def one_hot_sequence(tokens: list[int], vocab_size: int, length: int, device, dtype) -> torch.Tensor:
    t = torch.tensor(tokens[:length] + [0] * max(0, length - len(tokens)), device=device)
    return F.one_hot(t, vocab_size).to(dtype)

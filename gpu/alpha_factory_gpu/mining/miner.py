"""The generative-predictive miner (AlphaForge, AAAI 2025) and the zoo it fills.

Each epoch:
1. the generator samples ``batchSize`` formulas under the validity mask, plus ``explore`` x that many
   drawn uniformly among the allowed tokens (exploration);
2. formulas not seen before are evaluated on the device over the training dates (the first
   ``trainFraction`` of the panel); fitness = |mean IC| (or RankIC, ICIR, RankICIR: ``metric``), set
   to 0 when the factor is finite on < 80% of the label cells, has a uniqueness < 0.01 or its daily
   factor-return series correlates above ``maxCorrelation`` with a zoo member (AlphaForge's scoring);
3. the best new formulas are offered to the zoo under the alpha engine's admission rules (|IC| > 0.03,
   ICIR >= 0.1, factor-return |corr| to members <= 0.7, finite ratio >= 0.8, uniqueness >= 0.01;
   overridable); a formula whose metric is negative enters as its negation (as kernel-lib's CPU
   miner does), so every member scores positively;
4. the predictor is trained to regress fitness from the one-hot token sequences of every formula
   evaluated so far;
5. the generator is trained to maximise the predictor's score minus the diversity penalties:
   ``10 x max(0, similarity - 0.4)`` against the admitted formulas and within the batch (similarity =
   share of equal token positions, AlphaForge's weight 10 and threshold 0.4).
The run stops after ``epochs`` or when the zoo holds ``zooSize`` formulas. Seeded: the same panel,
params and seed give the same zoo on the same device.
"""
from __future__ import annotations

import math
import time
from dataclasses import dataclass, field
from typing import Any, Callable

import torch

from . import evaluator as ev
from .grammar import DEFAULT_CONSTANTS, DEFAULT_FIELDS, DEFAULT_WINDOWS, Vocabulary, canonical, format_formula, negated, to_tree
from .models import GENERATORS, Generator, Predictor

METRICS = ("IC", "RankIC", "ICIR", "RankICIR")
THRESHOLD_KEYS = {"minAbsIC": "minAbsIC", "minIC": "minAbsIC", "minICIR": "minICIR", "maxCorrelation": "maxCorrelation",
                  "minFiniteRatio": "minFiniteRatio", "minUniqueness": "minUniqueness"}
DEFAULT_THRESHOLDS = {"minAbsIC": 0.03, "minICIR": 0.1, "maxCorrelation": 0.7, "minFiniteRatio": 0.8, "minUniqueness": 0.01}


@dataclass
class MiningConfig:
    generator: str = "LSTM"
    epochs: int = 100
    zoo_size: int = 100
    metric: str = "IC"
    thresholds: dict = field(default_factory=lambda: dict(DEFAULT_THRESHOLDS))
    horizon: int = 1
    max_length: int = 20
    batch_size: int = 64
    explore: float = 0.25
    train_fraction: float = 0.7
    predictor_steps: int = 20
    generator_steps: int = 5
    lr: float = 1e-3
    hidden: int = 64
    fields: tuple = DEFAULT_FIELDS
    windows: tuple = DEFAULT_WINDOWS
    constants: tuple = DEFAULT_CONSTANTS
    similarity_weight: float = 10.0
    similarity_threshold: float = 0.4
    throttle_s: float = 0.0

    @staticmethod
    def from_params(p: dict[str, Any]) -> "MiningConfig":
        c = MiningConfig()
        known = {"generator", "epochs", "zooSize", "metric", "thresholds", "horizon", "maxLength", "batchSize", "explore",
                 "trainFraction", "predictorSteps", "generatorSteps", "lr", "hidden", "fields", "windows", "constants",
                 "throttleMs", "input", "device"}
        extra = sorted(set(p) - known)
        if extra:
            raise ValueError(f"unknown params for factor-mining: {', '.join(extra)} (known: {', '.join(sorted(known))})")
        g = str(p.get("generator", c.generator))
        match = {x.lower(): x for x in GENERATORS}.get(g.lower())
        if match is None:
            raise ValueError(f"params.generator must be one of {', '.join(GENERATORS)}, got {g!r}")
        c.generator = match
        m = str(p.get("metric", c.metric))
        mm = {x.lower(): x for x in METRICS}.get(m.lower())
        if mm is None:
            raise ValueError(f"params.metric must be one of {', '.join(METRICS)}, got {m!r}")
        c.metric = mm

        def integer(name: str, default: int, lo: int) -> int:
            v = p.get(name, default)
            if not isinstance(v, (int, float)) or int(v) != v or v < lo:
                raise ValueError(f"params.{name} must be an integer >= {lo}, got {v!r}")
            return int(v)

        def number(name: str, default: float, lo: float, hi: float) -> float:
            v = p.get(name, default)
            if not isinstance(v, (int, float)) or not (lo <= v <= hi):
                raise ValueError(f"params.{name} must be a number in [{lo}, {hi}], got {v!r}")
            return float(v)

        c.epochs = integer("epochs", c.epochs, 1)
        c.zoo_size = integer("zooSize", c.zoo_size, 1)
        c.horizon = integer("horizon", c.horizon, 1)
        c.max_length = integer("maxLength", c.max_length, 1)
        c.batch_size = integer("batchSize", c.batch_size, 1)
        c.predictor_steps = integer("predictorSteps", c.predictor_steps, 0)
        c.generator_steps = integer("generatorSteps", c.generator_steps, 0)
        c.hidden = integer("hidden", c.hidden, 4)
        c.explore = number("explore", c.explore, 0, 10)
        c.train_fraction = number("trainFraction", c.train_fraction, 1e-9, 1)
        c.lr = number("lr", c.lr, 0, 1)
        c.throttle_s = number("throttleMs", 0, 0, 3.6e6) / 1000
        th = p.get("thresholds") or {}
        if not isinstance(th, dict):
            raise ValueError("params.thresholds must be an object")
        for k, v in th.items():
            if k not in THRESHOLD_KEYS:
                raise ValueError(f"params.thresholds.{k} is not a threshold (use {', '.join(THRESHOLD_KEYS)})")
            if not isinstance(v, (int, float)) or not math.isfinite(v):
                raise ValueError(f"params.thresholds.{k} must be a number, got {v!r}")
            c.thresholds[THRESHOLD_KEYS[k]] = float(v)
        for name in ("fields", "windows", "constants"):
            if name in p:
                v = p[name]
                if not isinstance(v, list) or (name != "constants" and not v):
                    raise ValueError(f"params.{name} must be a non-empty list")
                setattr(c, name, tuple(v))
        return c


@dataclass
class Member:
    id: str
    formula: str
    tokens: list[int]
    metrics: dict
    series: dict  # ic, rankIC, factorReturn: tensors over the training dates


def zoo_id(canonical_formula: str) -> str:
    import hashlib
    return hashlib.sha256(canonical_formula.encode()).hexdigest()[:10]


class Miner:
    def __init__(self, panel: ev.PanelTensors, cfg: MiningConfig, seed: int, log=None,
                 on_epoch: Callable[[dict], None] | None = None):
        self.panel = panel
        self.cfg = cfg
        self.seed = seed
        self.log = log
        self.on_epoch = on_epoch
        missing = [f for f in cfg.fields if f not in panel.fields]
        fields = tuple(f for f in cfg.fields if f in panel.fields)
        if not fields:
            raise ValueError(f"none of the fields {', '.join(cfg.fields)} is in the panel (it has {', '.join(panel.fields)})")
        if missing and log:
            log.info("factor-mining: fields %s are not in the panel and are left out", ", ".join(missing))
        if "close" not in panel.fields:
            raise ValueError("the panel needs a 'close' field for the forward-return label")
        self.vocab = Vocabulary(fields=fields, constants=cfg.constants, windows=cfg.windows)
        self.L = cfg.max_length + 1
        self.train_T = max(2, int(math.floor(panel.T * cfg.train_fraction)))
        self.label = ev.forward_return(panel.fields["close"], cfg.horizon)[: self.train_T]
        self.evaluator = ev.Evaluator(panel)
        self.members: list[Member] = []
        self.seen: dict[str, float] = {}  # canonical text -> fitness
        self.data_x: list[torch.Tensor] = []
        self.data_y: list[float] = []
        self.history: list[dict] = []
        self.best = (0.0, "")
        self.evaluated = 0

    # ------------------------------------------------------------ scoring

    def measure(self, values: torch.Tensor) -> dict:
        """Metrics of factor values (full panel) over the training dates."""
        f = values[: self.train_T]
        d = ev.daily_metrics(f, self.label)
        ic, ric = ev.summarize(d["ic"]), ev.summarize(d["rankIC"])
        return {
            "series": d,
            "ic": ic["mean"], "icir": ic["ir"], "tStat": ic["tStat"],
            "rankIC": ric["mean"], "rankICIR": ric["ir"],
            "finiteRatio": ev.finite_ratio(f, self.label),
            "uniqueness": ev.uniqueness(f),
            "factor": f,
        }

    def metric_value(self, m: dict) -> float:
        return {"IC": m["ic"], "RankIC": m["rankIC"], "ICIR": m["icir"], "RankICIR": m["rankICIR"]}[self.cfg.metric]

    def max_corr(self, fr: torch.Tensor) -> tuple[float, str | None]:
        best, who = 0.0, None
        for mem in self.members:
            c = abs(ev.series_correlation(fr, mem.series["factorReturn"]))
            if c > best:  # NaN never compares greater: ignored, as in kernel-lib
                best, who = c, mem.id
        return best, who

    def fitness(self, m: dict) -> float:
        th = self.cfg.thresholds
        v = self.metric_value(m)
        if not math.isfinite(v) or m["finiteRatio"] < th["minFiniteRatio"] or m["uniqueness"] < th["minUniqueness"]:
            return 0.0
        if self.max_corr(m["series"]["factorReturn"])[0] > th["maxCorrelation"]:
            return 0.0
        return abs(v)

    def consider(self, tree, tokens: list[int]) -> Member | None:
        """Offer a formula to the zoo (as its negation when its metric is negative)."""
        th = self.cfg.thresholds
        values = self.evaluator.evaluate(tree)
        m = self.measure(values)
        if self.metric_value(m) < 0:
            tree = negated(tree)
            m = self.measure(self.evaluator.evaluate(tree))
        text = format_formula(tree)
        mid = zoo_id(text)
        if any(x.id == mid for x in self.members):
            return None
        corr, _ = self.max_corr(m["series"]["factorReturn"])
        ok = (abs(m["ic"]) > th["minAbsIC"] and abs(m["icir"]) >= th["minICIR"] and m["finiteRatio"] >= th["minFiniteRatio"]
              and m["uniqueness"] >= th["minUniqueness"] and corr <= th["maxCorrelation"])
        if not ok:
            return None
        metrics = {k: m[k] for k in ("ic", "icir", "rankIC", "rankICIR", "tStat")}
        metrics["turnover"] = ev.weight_turnover(m["factor"])
        metrics["finiteRatio"] = m["finiteRatio"]
        metrics["uniqueness"] = m["uniqueness"]
        mem = Member(mid, text, tokens, metrics, m["series"])
        self.members.append(mem)
        return mem

    # ------------------------------------------------------------ the loop

    def run(self) -> list[Member]:
        cfg = self.cfg
        torch.manual_seed(self.seed)
        dev = self.panel.device
        gen = Generator(cfg.generator, self.vocab, cfg.max_length, hidden=cfg.hidden).to(dev)
        pred = Predictor(len(self.vocab), self.L, hidden=2 * cfg.hidden).to(dev)
        opt_g = torch.optim.Adam(gen.parameters(), lr=cfg.lr)
        opt_p = torch.optim.Adam(pred.parameters(), lr=cfg.lr)
        n_explore = int(round(cfg.explore * cfg.batch_size))
        for epoch in range(1, cfg.epochs + 1):
            t0 = time.perf_counter()
            self.evaluator.clear()
            gen.eval()
            with torch.no_grad():
                _, toks = gen.sample(cfg.batch_size, train=False)
                if n_explore:
                    _, more = gen.sample(n_explore, train=False, uniform=True)
                    toks = toks + more
            fresh = []
            for seq in toks:
                tree = canonical(to_tree([self.vocab.tokens[i] for i in seq]))
                text = format_formula(tree)
                if text in self.seen:
                    continue
                values = self.evaluator.evaluate(tree)
                m = self.measure(values)
                fit = self.fitness(m)
                self.seen[text] = fit
                self.evaluated += 1
                self.data_x.append(torch.tensor(seq, device=dev))
                self.data_y.append(fit)
                fresh.append((fit, text, tree, seq))
                if fit > self.best[0]:
                    self.best = (fit, text)
            fresh.sort(key=lambda r: (-r[0], r[1]))
            admitted = 0
            for fit, text, tree, seq in fresh:
                if len(self.members) >= cfg.zoo_size or fit <= 0:
                    break
                if self.consider(tree, seq) is not None:
                    admitted += 1
            p_loss = self._train_predictor(pred, opt_p)
            g_loss = self._train_generator(gen, pred, opt_g) if len(self.members) < cfg.zoo_size else float("nan")
            rec = {"epoch": epoch, "epochs": cfg.epochs, "evaluated": self.evaluated, "new": len(fresh),
                   "admitted": admitted, "zoo": len(self.members), "zooSize": cfg.zoo_size, "best": self.best[0],
                   "bestFormula": self.best[1], "predictorLoss": p_loss, "generatorLoss": g_loss,
                   "seconds": time.perf_counter() - t0}
            self.history.append(rec)
            if self.on_epoch:
                self.on_epoch(rec)
            if cfg.throttle_s:
                time.sleep(cfg.throttle_s)
            if len(self.members) >= cfg.zoo_size:
                break
        return self.members

    def _train_predictor(self, pred: Predictor, opt) -> float:
        if not self.data_x or self.cfg.predictor_steps == 0:
            return float("nan")
        dev = self.panel.device
        V = len(self.vocab)
        X = torch.nn.functional.one_hot(torch.stack(self.data_x), V).float()
        y = torch.tensor(self.data_y, device=dev, dtype=torch.float32)
        self.scale = float(y.std()) if len(y) > 1 and float(y.std()) > 1e-6 else 1.0
        y = y / self.scale
        pred.train()
        loss = torch.tensor(float("nan"))
        for _ in range(self.cfg.predictor_steps):
            idx = torch.randint(0, len(y), (min(256, len(y)),), device=dev)
            loss = torch.nn.functional.mse_loss(pred(X[idx]), y[idx])
            opt.zero_grad()
            loss.backward()
            opt.step()
        return float(loss.detach())

    def _train_generator(self, gen: Generator, pred: Predictor, opt) -> float:
        cfg = self.cfg
        if cfg.generator_steps == 0 or not self.data_x:
            return float("nan")
        gen.train()
        pred.eval()
        for p in pred.parameters():
            p.requires_grad_(False)
        V = len(self.vocab)
        zoo = None
        if self.members:
            zoo = torch.nn.functional.one_hot(
                torch.stack([torch.tensor(m.tokens, device=self.panel.device) for m in self.members]), V).float()
            zoo = zoo.flatten(1)
        loss = torch.tensor(float("nan"))
        for _ in range(cfg.generator_steps):
            seqs, _ = gen.sample(cfg.batch_size, train=True)
            score = pred(seqs).mean()
            flat = seqs.flatten(1)
            sim_b = (flat @ flat.T) / self.L
            B = flat.shape[0]
            off = sim_b[~torch.eye(B, dtype=torch.bool, device=flat.device)] if B > 1 else sim_b.flatten()[:0]
            pen = torch.relu(off - cfg.similarity_threshold).mean() if off.numel() else torch.zeros(())
            if zoo is not None:
                sim_z = ((flat @ zoo.T) / self.L).amax(1)
                pen = pen + torch.relu(sim_z - cfg.similarity_threshold).mean()
            loss = -score + cfg.similarity_weight * pen
            opt.zero_grad()
            loss.backward()
            opt.step()
        for p in pred.parameters():
            p.requires_grad_(True)
        return float(loss.detach())

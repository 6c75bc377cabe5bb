"""factor-mining: the AlphaForge generative-predictive miner, formulas evaluated on the device.

Input (``params.input``, default ``prices``, or the spec's only input): a price panel in kernel-lib's
long Arrow layout (``panelToArrowBytes(panel)``: date, ticker, open, high, low, close, volume[, vwap]).

Params (all optional; see mining/miner.py for the algorithm):
  generator       LSTM (default) | GRU | Transformer
  epochs          generator/predictor rounds (default 100)
  zooSize         stop when the zoo holds this many formulas (default 100)
  metric          fitness: IC (default) | RankIC | ICIR | RankICIR (absolute value of the mean / IR)
  thresholds      {minIC | minAbsIC, minICIR, maxCorrelation, minFiniteRatio, minUniqueness}; defaults
                  0.03, 0.1, 0.7, 0.8, 0.01 (the alpha engine's AlphaForge admission rules)
  horizon         label close(t + h) / close(t) - 1 (default 1)
  maxLength       tokens per formula (default 20)
  batchSize       formulas the generator samples per epoch (default 64); explore: extra uniformly drawn
                  formulas as a share of that (default 0.25)
  trainFraction   metrics on the first share of the dates (default 0.7, as the CPU miner)
  fields, windows, constants   the vocabulary (default open high low close volume vwap; 5 10 20 30 40; 0.5 1 2)
  predictorSteps, generatorSteps, lr, hidden   training sizes (20, 5, 1e-3, 64)
  throttleMs      pause after each epoch (demonstrations and cancel tests)
On the CPU the job uses resources.cpus threads (default 1).

Artifacts, the alpha engine's zoo format (kernel-lib ``loadZoo`` / ``jobs.results(job).zoo``):
  zoo.json          {format: 'alpha-factory-zoo', version: 1, dates (training dates), entries: [{id, name,
                    formula (canonical, kernel-lib's spelling), status 'active', metrics, provenance
                    {canonicalFormula, dataHash, seed, jobId, source 'gpu-miner', createdAt}, tags, history}]}
  zoo-series.arrow  id, date, ic, rank_ic, factor_return (one row per member and training date)
  mining.arrow      one row per epoch: epoch, evaluated, new, admitted, zoo, best, best_formula, losses, seconds
"""
from __future__ import annotations

import json
import math

import pyarrow as pa
import torch

from ..arrow_io import read_table, write_table
from ..mining.evaluator import PanelTensors
from ..mining.miner import Miner, MiningConfig
from ..mining.panel import read_long_panel
from ..store import now


def _num(v):
    return float(v) if v is not None and math.isfinite(float(v)) else None


def run(ctx) -> list[str]:
    p = ctx.params
    cfg = MiningConfig.from_params(p)
    inputs = ctx.job.spec.get("inputs", {})
    name = p.get("input") or ("prices" if "prices" in inputs or len(inputs) != 1 else next(iter(inputs)))
    spec_in = inputs.get(name, {})
    path = ctx.job.input_path(name)
    dates, assets, fields = read_long_panel(read_table(path, spec_in.get("format", "arrow")), f"input {name!r}")
    if ctx.device.type == "cpu":
        # on the CPU use the cores the spec reserved (resources.cpus, default 1), not every core of the machine
        torch.set_num_threads(max(1, int(round(float(ctx.job.spec.get("resources", {}).get("cpus", 1) or 1)))))
    panel = PanelTensors(fields, dates, assets, ctx.device)
    ctx.log.info("factor-mining: %d dates x %d assets, fields %s; %s generator, %d epochs, zoo %d, metric %s, on %s",
                 panel.T, panel.N, ", ".join(panel.fields), cfg.generator, cfg.epochs, cfg.zoo_size, cfg.metric, ctx.device)

    def on_epoch(r: dict) -> None:
        msg = (f"epoch {r['epoch']}/{r['epochs']}: zoo {r['zoo']}/{r['zooSize']}, best {cfg.metric} {r['best']:.4f}"
               f"{' (' + r['bestFormula'] + ')' if r['bestFormula'] else ''}, {r['evaluated']} formulas evaluated")
        frac = max(r["epoch"] / r["epochs"], r["zoo"] / r["zooSize"])
        ctx.progress(min(frac, 0.99), msg, force=True, epoch=r["epoch"], zoo=r["zoo"], best=r["best"],
                     evaluated=r["evaluated"])
        ctx.log.info("%s", msg)

    miner = Miner(panel, cfg, ctx.seed, log=ctx.log, on_epoch=on_epoch)
    members = miner.run()

    zoo_dates = dates[: miner.train_T]
    created = now()
    data_hash = spec_in.get("sha256")
    entries = []
    for m in members:
        entries.append({
            "id": m.id,
            "name": m.formula,
            "formula": m.formula,
            "status": "active",
            "metrics": {k: _num(v) for k, v in m.metrics.items()},
            "provenance": {"canonicalFormula": m.formula, "dataHash": data_hash, "seed": ctx.seed, "jobId": ctx.job.id,
                           "source": "gpu-miner", "createdAt": created},
            "tags": ["mined", "gpu-miner", cfg.generator],
            "history": [{"at": created, "from": None, "to": "active", "reason": "admitted (AlphaForge rules)"}],
        })
    zoo = {"format": "alpha-factory-zoo", "version": 1, "dates": zoo_dates, "entries": entries}
    tmp = ctx.job.artifact_tmp("zoo.json")
    tmp.write_text(json.dumps(zoo, indent=1, allow_nan=False) + "\n")

    ids, ds, ic, ric, fr = [], [], [], [], []
    for m in members:
        s = {k: v.detach().cpu().tolist() for k, v in m.series.items()}
        for t, d in enumerate(zoo_dates):
            ids.append(m.id)
            ds.append(d)
            ic.append(_num(s["ic"][t]))
            ric.append(_num(s["rankIC"][t]))
            fr.append(_num(s["factorReturn"][t]))
    series = pa.table({"id": pa.array(ids, pa.string()), "date": pa.array(ds, pa.string()),
                       "ic": pa.array(ic, pa.float64()), "rank_ic": pa.array(ric, pa.float64()),
                       "factor_return": pa.array(fr, pa.float64())})
    write_table(series, ctx.job.artifact_tmp("zoo-series.arrow"))

    h = miner.history
    hist = pa.table({
        "epoch": pa.array([r["epoch"] for r in h], pa.int64()),
        "evaluated": pa.array([r["evaluated"] for r in h], pa.int64()),
        "new": pa.array([r["new"] for r in h], pa.int64()),
        "admitted": pa.array([r["admitted"] for r in h], pa.int64()),
        "zoo": pa.array([r["zoo"] for r in h], pa.int64()),
        "best": pa.array([_num(r["best"]) for r in h], pa.float64()),
        "best_formula": pa.array([r["bestFormula"] for r in h], pa.string()),
        "predictor_loss": pa.array([_num(r["predictorLoss"]) for r in h], pa.float64()),
        "generator_loss": pa.array([_num(r["generatorLoss"]) for r in h], pa.float64()),
        "seconds": pa.array([r["seconds"] for r in h], pa.float64()),
    }).replace_schema_metadata({"generator": cfg.generator, "metric": cfg.metric, "device": str(ctx.device),
                                "train_dates": str(miner.train_T), "vocabulary": " ".join(t.text for t in miner.vocab.tokens)})
    write_table(hist, ctx.job.artifact_tmp("mining.arrow"))
    for f in ("zoo-series.arrow", "mining.arrow", "zoo.json"):
        ctx.job.publish(f)
    ctx.log.info("factor-mining: %d formulas admitted after %d epochs, %d evaluated", len(members), len(h), miner.evaluated)
    return ["zoo.json", "zoo-series.arrow", "mining.arrow"]

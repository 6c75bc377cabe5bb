"""factor-mining on CPU with tiny sizes: the validity mask, the device evaluator against pandas, the miner
on a panel with a planted signal, the worker end to end, cancel and bad input."""
import hashlib
import itertools
import json
import os
import signal
import subprocess
import sys
import time

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.ipc as ipc
import pytest
import torch

from conftest import GPU_DIR
from alpha_factory_gpu.mining import grammar as g
from alpha_factory_gpu.mining.evaluator import Evaluator, PanelTensors, daily_metrics, forward_return, summarize
from alpha_factory_gpu.mining.miner import Miner, MiningConfig
from alpha_factory_gpu.mining.models import GENERATORS, Generator

torch.set_num_threads(1)
CPU = torch.device("cpu")


# ---------------------------------------------------------------- data

def planted_panel(seed=1, N=40, T=160, rv=0.3, missing=0.0):
    """Next day's log return = 0.02 (rv zv + ...): zv is observable as log(volume) / 0.5."""
    rng = np.random.default_rng(seed)
    close = np.empty((T, N))
    vol = np.empty((T, N))
    zv = np.zeros(N)
    for t in range(T):
        prev = 100.0 if t == 0 else close[t - 1]
        r = 0 if t == 0 else 0.02 * (rv * zv + np.sqrt(1 - rv * rv) * rng.standard_normal(N))
        close[t] = prev * np.exp(r)
        zv = rng.standard_normal(N)
        vol[t] = 1e6 * np.exp(0.5 * zv)
    f = {"open": close * np.exp(0.002 * rng.standard_normal((T, N))),
         "high": close * (1 + 0.01 * np.exp(0.3 * rng.standard_normal((T, N)))),
         "low": close * (1 - 0.01 * np.exp(0.3 * rng.standard_normal((T, N)))),
         "close": close, "volume": vol}
    if missing:
        for k in f:
            f[k] = f[k].copy()
            f[k][rng.random((T, N)) < missing] = np.nan
    return f


def tensors(f):
    T, N = f["close"].shape
    return PanelTensors(f, [f"2021-01-{t:04d}" for t in range(T)], [f"A{i:02d}" for i in range(N)], CPU)


# ---------------------------------------------------------------- validity mask

TINY = g.Vocabulary(fields=("close", "volume"), constants=(2.0,), windows=(5,), unary=("log", "sign", "cs_rank"),
                    binary=("sub", "pow"), rolling=("ts_mean", "ts_rank"), pair=("ts_corr",))

# bit-for-bit kernel-lib's given bit-identical operands (one IEEE operation per cell, or a selected value)
EXACT_OPS = {"abs", "inv", "add", "sub", "mul", "div", "max2", "min2", "delay", "delta", "ts_max", "ts_min",
             "ts_pct"}
TIE_OPS = {"sign", "ts_rank", "cs_rank"}


def independent_valid(seq, max_length):
    """The grammar's rules checked on a whole sequence without the mask: typed RPN evaluation.
    Stack items: ('S', exact?) series, 'C', 'W'. A tie maker (sign, ts_rank, cs_rank) needs every
    series on the stack exact, except cs_rank as the last token over the one series; after a tie
    maker only exact operators and tie makers."""
    if len(seq) > max_length:
        return False
    stack = []
    tied = False
    for k, t in enumerate(seq):
        if t.kind in ("unary", "closing", "binary", "rolling", "pair"):
            if t.text in TIE_OPS:
                every_exact = all(x[1] for x in stack if isinstance(x, tuple))
                last_rank = t.text == "cs_rank" and k == len(seq) - 1 and len(stack) == 1
                if not every_exact and not last_rank:
                    return False
            elif tied and t.text not in EXACT_OPS:
                return False
        if t.kind == "field":
            stack.append(("S", True))
        elif t.kind == "const":
            stack.append("C")
        elif t.kind == "window":
            # a window is the last argument of the operator right after it, whose series come before
            if k + 1 >= len(seq) or seq[k + 1].kind not in ("rolling", "pair"):
                return False
            stack.append("W")
        elif t.kind in ("unary", "closing"):
            if not stack or not isinstance(stack[-1], tuple):
                return False
            x = stack.pop()
            stack.append(("S", x[1] and (t.text in EXACT_OPS or t.text in TIE_OPS)))
        elif t.kind == "binary":
            if len(stack) < 2:
                return False
            b, a = stack.pop(), stack.pop()
            if "W" in (a, b) or (a, b) == ("C", "C") or (t.text == "pow" and (b != "C" or a == "C")):
                return False  # pow: a series to a constant power only
            stack.append(("S", t.text in EXACT_OPS and all(x == "C" or x[1] for x in (a, b))))
        elif t.kind in ("rolling", "pair"):
            n = 1 if t.kind == "rolling" else 2
            args = stack[-n - 1:-1]
            if len(stack) < n + 1 or stack[-1] != "W" or any(not isinstance(x, tuple) for x in args):
                return False
            del stack[-n - 1:]
            stack.append(("S", t.text in TIE_OPS or (t.text in EXACT_OPS and all(x[1] for x in args))))
        if t.kind != "field" and t.text in TIE_OPS:
            tied = True
    # a constant must sit on a series (so no sub-formula is constant): C only right after S or an op
    return len(stack) == 1 and isinstance(stack[0], tuple)


def enumerate_masked(vocab, max_length):
    out = set()

    def walk(prefix):
        mask = g.mask_for(prefix, vocab, max_length)
        assert any(mask), f"dead end after {[t.text for t in prefix]}"
        for i, ok in enumerate(mask):
            if not ok:
                continue
            t = vocab.tokens[i]
            if t.kind == "end":
                out.add(tuple(x.text + "/" + x.kind for x in prefix))
            else:
                walk(prefix + [t])

    walk([])
    return out


@pytest.mark.parametrize("max_length", [1, 3, 4])
def test_mask_allows_exactly_the_valid_formulas(max_length):
    masked = enumerate_masked(TINY, max_length)
    body = [t for t in TINY.tokens if t.kind != "end"]
    valid = set()
    for n in range(1, max_length + 1):
        for seq in itertools.product(body, repeat=n):
            # constants only directly on a series: the grammar's rule (checked here by position)
            if independent_valid(list(seq), max_length) and all(
                    t.kind != "const" or (k > 0 and seq[k - 1].kind in ("field", "unary", "closing", "binary", "rolling", "pair"))
                    for k, t in enumerate(seq)):
                valid.add(tuple(t.text + "/" + t.kind for t in seq))
    assert masked == valid
    assert ("close/field",) in masked and len(masked) > (3 if max_length > 1 else 1)
    if max_length >= 4:
        # tie makers on exact series, nested; cs_rank of a non-exact series only outermost
        assert ("close/field", "sign/unary", "5/window", "ts_rank/rolling") in masked
        assert ("close/field", "cs_rank/closing", "volume/field", "sub/binary") in masked
        assert ("close/field", "log/unary", "cs_rank/closing") in masked
        assert ("close/field", "log/unary", "sign/unary") not in masked
        assert ("close/field", "log/unary", "cs_rank/closing", "sign/unary") not in masked
        # after a tie maker, no operator that is not bit-for-bit kernel-lib's
        assert ("close/field", "sign/unary", "2/const", "pow/binary") not in masked
        assert ("close/field", "5/window", "ts_rank/rolling", "log/unary") not in masked
        assert ("close/field", "2/const", "pow/binary", "sign/unary") not in masked
        # pow: a constant exponent only
        assert ("close/field", "2/const", "pow/binary") in masked
        assert ("close/field", "volume/field", "pow/binary") not in masked
        assert ("close/field", "2/const", "volume/field", "pow/binary", "sub/binary") not in masked


@pytest.mark.parametrize("kind", GENERATORS)
def test_generators_sample_only_valid_formulas(kind):
    torch.manual_seed(3)
    vocab = g.Vocabulary()
    gen = Generator(kind, vocab, 20, hidden=16)
    for train, uniform in ((False, False), (False, True), (True, False)):
        onehots, toks = gen.sample(48, train=train, uniform=uniform)
        assert onehots.shape == (48, 21, len(vocab))
        for seq in toks:
            ts = [vocab.tokens[i] for i in seq]
            body = ts[: next(k for k, t in enumerate(ts) if t.kind == "end")]
            assert 1 <= len(body) <= 20 and all(t.kind == "end" for t in ts[len(body):])
            assert independent_valid(body, 20), [t.text for t in body]
            tree = g.canonical(g.to_tree(body))
            assert g.format_formula(tree) == g.canonical_text(tree)  # canonical form is a fixed point


def test_canonical_text_matches_kernel_lib_spelling():
    # expected strings from kernel-lib's canonicalFormula (kernel-lib/src/alpha/dsl/canonical.ts rules)
    cases = {
        "volume close add": "close + volume",
        "volume close 2 mul add": "2 * close + volume",
        "close 5 ts_mean volume sub": "ts_mean(close, 5) - volume",
        "volume close 10 ts_corr": "ts_corr(close, volume, 10)",
        "close volume sub open sub": "close - volume - open",
        "close volume open sub sub": "close - (volume - open)",
        "close volume max2 open max2": "max2(max2(close, open), volume)",
    }
    for rpn, want in cases.items():
        toks = []
        for name in rpn.split():
            kinds = ["window"] if name.isdigit() and name != "2" else ["const"] if name in ("0.5", "1", "2") else None
            toks.append(next(t for t in g.Vocabulary().tokens if t.text == name and (kinds is None or t.kind in kinds)))
        assert g.canonical_text(g.to_tree(toks)) == want, rpn
    neg = g.negated(g.to_tree([next(t for t in g.Vocabulary().tokens if t.text == "close")]))
    assert g.format_formula(neg) == "-close" and g.format_formula(g.negated(neg)) == "close"


# ---------------------------------------------------------------- evaluator vs pandas

def _df(a):
    return pd.DataFrame(a)


def _ema(span):
    def f(w):
        return pd.Series(w).ewm(span=span, adjust=True).mean().iloc[-1]
    return f


PANDAS = {
    "ts_mean(close, 5)": lambda d: d["close"].rolling(5).mean(),
    "ts_sum(volume, 10)": lambda d: d["volume"].rolling(10).sum(),
    "ts_std(close, 10)": lambda d: d["close"].rolling(10).std(),
    "ts_var(log(volume), 5)": lambda d: np.log(d["volume"]).rolling(5).var(),
    "ts_max(high, 5) - ts_min(low, 5)": lambda d: d["high"].rolling(5).max() - d["low"].rolling(5).min(),
    "ts_median(open, 5)": lambda d: d["open"].rolling(5).median(),
    "ts_mad(close, 10)": lambda d: d["close"].rolling(10).apply(lambda w: np.mean(np.abs(w - w.mean())), raw=True),
    "ts_wma(close, 5)": lambda d: d["close"].rolling(5).apply(lambda w: np.dot(w, np.arange(1, 6)) / 15, raw=True),
    "ts_ema(close, 10)": lambda d: d["close"].rolling(10).apply(_ema(10), raw=True),
    "ts_corr(close, volume, 10)": lambda d: d["close"].rolling(10).corr(d["volume"]),
    "ts_cov(high, low, 5)": lambda d: d["high"].rolling(5).cov(d["low"]),
    "ts_pct(close, 5)": lambda d: d["close"] / d["close"].shift(5) - 1,
    "delta(close, 3)": lambda d: d["close"].diff(3),
    "delay(volume, 2)": lambda d: d["volume"].shift(2),
    "cs_rank(delta(close, 3))": lambda d: d["close"].diff(3).rank(axis=1, pct=True),
    "cs_zscore(log(volume))": lambda d: np.log(d["volume"]).sub(np.log(d["volume"]).mean(axis=1), axis=0).div(
        np.log(d["volume"]).std(axis=1), axis=0),
    "slog1p(close - open) / sqrt(volume)": lambda d: np.sign(d["close"] - d["open"]) * np.log1p((d["close"] - d["open"]).abs())
    / np.sqrt(d["volume"]),
    "max2(inv(close), 0.5 * high)": lambda d: np.maximum(1 / d["close"], 0.5 * d["high"]).where(d["close"].notna() & d["high"].notna()),
    "vwap": lambda d: (d["high"] + d["low"] + d["close"]) / 3,
    "sign(delta(close, 1))": lambda d: np.sign(d["close"].diff(1)),
    "ts_rank(close, 5)": lambda d: d["close"].rolling(5).rank(pct=True),
    # ties inside the window: ranks averaged
    "ts_rank(sign(delta(close, 1)), 10)": lambda d: np.sign(d["close"].diff(1)).rolling(10).rank(pct=True),
    "pow(close - open, 2)": lambda d: (d["close"] - d["open"]) ** 2,
    # negative base, fractional exponent: NaN
    "pow(close - open, 0.5)": lambda d: (d["close"] - d["open"]) ** 0.5,
    "pow(high / low, volume / 10000000)": lambda d: (d["high"] / d["low"]) ** (d["volume"] / 1e7),
    # nested cs_rank: of a tie-heavy exact series, then combined and ranked again
    "cs_rank(sign(delta(close, 1)) - cs_rank(ts_rank(volume, 5)))": lambda d: (
        np.sign(d["close"].diff(1)) - d["volume"].rolling(5).rank(pct=True).rank(axis=1, pct=True)).rank(axis=1, pct=True),
}


def _parse(text):
    """Tiny recursive-descent reader for the test formulas (calls, + - * /, ^ right-associative,
    numbers, fields)."""
    import re
    toks = re.findall(r"\d+\.\d+|\d+|[A-Za-z_][A-Za-z0-9_]*|[-+*/^(),]", text)
    pos = [0]

    def peek():
        return toks[pos[0]] if pos[0] < len(toks) else None

    def eat():
        pos[0] += 1
        return toks[pos[0] - 1]

    def atom():
        t = eat()
        if t == "(":
            e = expr()
            eat()
            return e
        if t[0].isdigit():
            return g.Node("number", value=float(t))
        if peek() == "(":
            eat()
            args = [expr()]
            while peek() == ",":
                eat()
                args.append(expr())
            eat()
            return g.Node("call", op=t, args=args)
        return g.Node("field", name=t)

    def power():
        e = atom()
        if peek() == "^":
            eat()
            return g.Node("call", op="pow", args=[e, power()])
        return e

    def term():
        e = power()
        while peek() in ("*", "/"):
            op = {"*": "mul", "/": "div"}[eat()]
            e = g.Node("call", op=op, args=[e, power()])
        return e

    def expr():
        e = term()
        while peek() in ("+", "-"):
            op = {"+": "add", "-": "sub"}[eat()]
            e = g.Node("call", op=op, args=[e, term()])
        return e

    return expr()


@pytest.mark.parametrize("formula", list(PANDAS))
def test_device_evaluator_matches_pandas(formula):
    f = planted_panel(seed=4, N=15, T=60, missing=0.03)
    ours = Evaluator(tensors(f)).evaluate(_parse(formula)).numpy()
    ref = PANDAS[formula]({k: _df(v) for k, v in f.items()})
    ref = np.array(ref, dtype=float)
    ref[~np.isfinite(ref)] = np.nan
    assert np.array_equal(np.isnan(ours), np.isnan(ref)), f"{formula}: NaN pattern differs"
    ok = ~np.isnan(ref)
    assert ok.sum() > 100
    np.testing.assert_allclose(ours[ok], ref[ok], rtol=1e-9, atol=1e-12)


def test_sign_and_pow_special_values_are_javascripts():
    # ECMAScript Math.sign / Math.pow, then kernel-lib's NaN-in-NaN-out and non-finite -> NaN
    P = tensors({"close": np.array([[-0.0, 0.0, np.nan, -3.5, 2.0, 0.0, -8.0, 4.0]])})
    ev = Evaluator(P)
    s = ev.evaluate(_parse("sign(close)")).numpy()[0]
    assert np.signbit(s[0]) and s[0] == 0 and not np.signbit(s[1]) and s[1] == 0
    assert np.isnan(s[2]) and list(s[3:5]) == [-1.0, 1.0]
    p = ev.evaluate(g.Node("call", op="pow", args=[g.Node("field", name="close"), g.Node("number", value=0.5)])).numpy()[0]
    assert p[0] == 0 and not np.signbit(p[0])  # Math.pow(-0, 0.5) is +0 (sqrt(-0) would be -0)
    assert np.isnan(p[2]) and np.isnan(p[3]) and np.isnan(p[6]) and p[7] == 2.0
    q = ev.evaluate(g.Node("call", op="pow", args=[g.Node("field", name="close"), g.Node("number", value=-1.0)])).numpy()[0]
    assert np.isnan(q[0]) and np.isnan(q[1]) and q[4] == 0.5  # 0 ^ -1 is infinite: NaN
    z = ev.evaluate(g.Node("call", op="pow", args=[g.Node("field", name="close"), g.Node("number", value=0.0)])).numpy()[0]
    assert np.isnan(z[2]) and z[0] == 1 and z[3] == 1  # NaN ^ 0 is NaN here (C and Math.pow say 1)


def test_a_date_with_a_constant_factor_has_no_ic():
    # 0.1 added 30 times is not 30 * 0.1: a mean rounded off the constant must not make an IC
    f = np.full((2, 30), 0.1)
    f[1] = np.arange(30)
    label = torch.tensor(np.vstack([np.linspace(-1, 1, 30), np.linspace(-1, 1, 30)]))
    d = daily_metrics(torch.tensor(f), label)
    assert np.isnan(d["ic"][0].item()) and np.isnan(d["factorReturn"][0].item()) and np.isnan(d["rankIC"][0].item())
    assert d["ic"][1].item() == pytest.approx(1.0, abs=1e-12) and d["rankIC"][1].item() == pytest.approx(1.0, abs=1e-12)


def test_daily_ic_and_rank_ic_match_pandas():
    f = planted_panel(seed=5, N=30, T=50, missing=0.05)
    P = tensors(f)
    factor = Evaluator(P).evaluate(_parse("ts_mean(volume, 5) / close")).numpy()
    factor[7, :6] = np.round(factor[7, :6], -6)  # ties on one date
    label = forward_return(P.fields["close"], 2).numpy()
    d = daily_metrics(torch.as_tensor(factor), torch.as_tensor(label))
    exp_ic, exp_ric = [], []
    for t in range(factor.shape[0]):
        x, y = pd.Series(factor[t]), pd.Series(label[t])
        ok = x.notna() & y.notna()
        exp_ic.append(x[ok].corr(y[ok]) if ok.sum() >= 10 else np.nan)
        exp_ric.append(x[ok].rank().corr(y[ok].rank()) if ok.sum() >= 10 else np.nan)  # Spearman (average ranks)
    for got, exp in ((d["ic"].numpy(), np.array(exp_ic)), (d["rankIC"].numpy(), np.array(exp_ric))):
        assert np.array_equal(np.isnan(got), np.isnan(exp))
        assert np.isfinite(exp).sum() > 10 and np.isnan(exp).sum() > 2
        np.testing.assert_allclose(got[np.isfinite(exp)], exp[np.isfinite(exp)], rtol=1e-10, atol=1e-12)
    s = summarize(d["ic"])
    ser = pd.Series(exp_ic).dropna()
    assert s["mean"] == pytest.approx(ser.mean(), abs=1e-12)
    assert s["ir"] == pytest.approx(ser.mean() / ser.std(), abs=1e-10)


# ---------------------------------------------------------------- the miner

def test_miner_admits_the_planted_signal_and_is_seeded():
    P = tensors(planted_panel(seed=2))
    cfg = MiningConfig.from_params({"generator": "LSTM", "epochs": 3, "zooSize": 4, "batchSize": 24})
    runs = []
    for _ in range(2):
        m = Miner(P, cfg, seed=9)
        runs.append(m.run())
    members = runs[0]
    assert [x.formula for x in members] == [x.formula for x in runs[1]], "same seed, same zoo"
    assert members, "at least one admitted formula"
    label = pd.DataFrame(forward_return(P.fields["close"], 1).numpy()[: m.train_T])
    for mem in members:
        assert mem.metrics["ic"] > 0.03 and mem.metrics["icir"] >= 0.1
        # IC recomputed with pandas from the factor values
        vals = pd.DataFrame(Evaluator(P).evaluate(_parse_canonical(mem.formula)).numpy()[: m.train_T])
        daily = vals.corrwith(label, axis=1)
        n = (vals.notna() & label.notna()).sum(axis=1)
        assert daily[n >= 10].mean() == pytest.approx(mem.metrics["ic"], abs=1e-9)
    assert any(x.metrics["ic"] > 0.1 for x in members), "the planted volume signal (IC about 0.3) is found"


def _parse_canonical(text):
    """Member formulas may hold unary minus and function calls: map '-x' to neg."""
    if text.startswith("-("):
        return g.Node("call", op="neg", args=[_parse_canonical(text[2:-1])])
    if text.startswith("-") and "(" not in text[:2]:
        return g.Node("call", op="neg", args=[_parse_canonical(text[1:])])
    return _parse(text)


def test_bad_params_are_named():
    with pytest.raises(ValueError, match="params.generator must be one of LSTM, GRU, Transformer"):
        MiningConfig.from_params({"generator": "RNN"})
    with pytest.raises(ValueError, match="params.thresholds.minSharpe is not a threshold"):
        MiningConfig.from_params({"thresholds": {"minSharpe": 1}})
    with pytest.raises(ValueError, match="params.epochs must be an integer >= 1"):
        MiningConfig.from_params({"epochs": 0})


# ---------------------------------------------------------------- the worker

def long_panel_bytes(f, drop_ticker=False):
    T, N = f["close"].shape
    cols = {"date": pa.array([f"2021-01-{t + 1:02d}" if t < 31 else f"2021-{2 + (t - 31) // 28:02d}-{1 + (t - 31) % 28:02d}"
                              for t in range(T) for _ in range(N)]),
            "ticker": pa.array([f"A{i:02d}" for _ in range(T) for i in range(N)])}
    if drop_ticker:
        del cols["ticker"]
    for k, v in f.items():
        cols[k] = pa.array(v.reshape(-1), type=pa.float64())
    sink = pa.BufferOutputStream()
    tbl = pa.table(cols)
    with ipc.new_file(sink, tbl.schema) as w:
        w.write_table(tbl)
    return sink.getvalue().to_pybytes()


def make_job(tmp_path, params, data, seed=1):
    sha = hashlib.sha256(data).hexdigest()
    d = tmp_path / "factor-mining-test"
    (d / "inputs").mkdir(parents=True)
    (d / "inputs" / f"{sha}.arrow").write_bytes(data)
    spec = {"version": 1, "kind": "factor-mining", "inputs": {"prices": {"sha256": sha, "format": "arrow"}},
            "params": params, "seed": seed, "resources": {"gpus": 0, "cpus": 1, "memoryMb": 0}, "outputs": ["zoo.json"]}
    (d / "spec.json").write_text(json.dumps(spec))
    return d


def worker(d):
    env = dict(os.environ, PYTHONPATH=str(GPU_DIR), OMP_NUM_THREADS="1")
    return subprocess.Popen([sys.executable, "-m", "alpha_factory_gpu.worker", "--job-dir", str(d)], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def test_worker_writes_the_zoo(tmp_path):
    d = make_job(tmp_path, {"generator": "Transformer", "epochs": 2, "zooSize": 3, "batchSize": 16},
                 long_panel_bytes(planted_panel(seed=3, T=120)))
    p = worker(d)
    _, err = p.communicate(timeout=240)
    assert p.returncode == 0, err
    st = json.loads((d / "status.json").read_text())
    assert st["state"] == "succeeded" and st["artifacts"] == ["zoo.json", "zoo-series.arrow", "mining.arrow"]
    zoo = json.loads((d / "artifacts" / "zoo.json").read_text())
    assert zoo["format"] == "alpha-factory-zoo" and zoo["version"] == 1 and len(zoo["dates"]) == 84
    assert 1 <= len(zoo["entries"]) <= 3
    e = zoo["entries"][0]
    assert e["id"] == hashlib.sha256(e["formula"].encode()).hexdigest()[:10]
    assert e["provenance"]["jobId"] == d.name and e["provenance"]["seed"] == 1 and e["provenance"]["source"] == "gpu-miner"
    series = ipc.open_file(str(d / "artifacts" / "zoo-series.arrow")).read_all()
    assert series.column_names == ["id", "date", "ic", "rank_ic", "factor_return"]
    assert series.num_rows == 84 * len(zoo["entries"])
    events = [json.loads(x) for x in (d / "events.jsonl").read_text().splitlines()]
    ep = [x for x in events if x["type"] == "progress" and "epoch" in x]
    assert [x["epoch"] for x in ep] == list(range(1, len(ep) + 1)) and "best IC" in ep[0]["message"]


def test_cancel_stops_the_miner_and_publishes_nothing(tmp_path):
    d = make_job(tmp_path, {"epochs": 500, "batchSize": 8, "throttleMs": 1000, "zooSize": 1000},
                 long_panel_bytes(planted_panel(seed=3, N=12, T=60)))
    p = worker(d)
    ev = d / "events.jsonl"
    end = time.time() + 120
    while time.time() < end:
        if ev.exists() and any('"epoch"' in x for x in ev.read_text().splitlines()):
            break
        time.sleep(0.1)
    else:
        p.kill()
        pytest.fail("no epoch event within 120 s")
    p.send_signal(signal.SIGTERM)
    p.communicate(timeout=60)
    assert p.returncode == 130
    st = json.loads((d / "status.json").read_text())
    assert st["state"] == "cancelled"
    assert list((d / "artifacts").iterdir()) == []


def test_panel_without_tickers_fails_with_a_clear_message(tmp_path):
    d = make_job(tmp_path, {"epochs": 1}, long_panel_bytes(planted_panel(seed=3, N=12, T=30), drop_ticker=True))
    p = worker(d)
    p.communicate(timeout=120)
    assert p.returncode == 1
    st = json.loads((d / "status.json").read_text())
    assert st["state"] == "failed"
    assert "needs a ticker column" in st["error"] and "long layout" in st["error"]
    assert "Traceback" not in st["error"]

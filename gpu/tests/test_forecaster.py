"""forecaster-train end to end on CPU with tiny sizes: sweep, ONNX export, onnxruntime == PyTorch."""
import hashlib
import json
import math

import numpy as np
import pyarrow as pa
import pyarrow.ipc as ipc
import pytest

from test_worker import run_worker

ort = pytest.importorskip("onnxruntime", reason="onnxruntime is not installed (pip install -r gpu/requirements.txt)")


def sine_series(n=300):
    """Two noisy sine waves (period 20), the columns of the jobs' input table."""
    rng = np.random.default_rng(5)
    t = np.arange(n)
    return [np.sin(2 * math.pi * t / 20) + 0.05 * rng.standard_normal(n),
            2 + np.cos(2 * math.pi * t / 20) + 0.05 * rng.standard_normal(n)]


def make_job(tmp_path, params):
    a, b = sine_series()
    cols = {"date": pa.array([f"d{i:03d}" for i in range(len(a))]), "A": pa.array(a), "B": pa.array(b)}
    sink = pa.BufferOutputStream()
    with ipc.new_file(sink, pa.table(cols).schema) as w:
        w.write_table(pa.table(cols))
    data = sink.getvalue().to_pybytes()
    sha = hashlib.sha256(data).hexdigest()
    d = tmp_path / "forecaster-train-test"
    (d / "inputs").mkdir(parents=True)
    (d / "inputs" / f"{sha}.arrow").write_bytes(data)
    spec = {"version": 1, "kind": "forecaster-train", "inputs": {"returns": {"sha256": sha, "format": "arrow"}},
            "params": params, "seed": 3, "resources": {"gpus": 0, "cpus": 1, "memoryMb": 0},
            "outputs": ["best.onnx", "trials.arrow"]}
    (d / "spec.json").write_text(json.dumps(spec))
    return d


def test_sweep_exports_best_model_and_onnx_matches_pytorch(tmp_path):
    d = make_job(tmp_path, {"lookback": 20, "horizon": 2, "hidden": [16], "epochs": 15, "lr": [5e-3]})
    p = run_worker(d)
    assert p.returncode == 0, p.stderr
    st = json.loads((d / "status.json").read_text())
    assert st["state"] == "succeeded"
    assert set(st["artifacts"]) == {"trials.arrow", "history.arrow", "sweep.json", "reference.arrow", "forecaster.json",
                                    "best.onnx"}
    trials = ipc.open_file(str(d / "artifacts" / "trials.arrow")).read_all().to_pydict()
    assert sorted(trials["arch"]) == ["gru", "lstm", "nbeats", "transformer"]
    meta = json.loads((d / "artifacts" / "forecaster.json").read_text())
    assert meta["val_mse"] == min(trials["val_mse"])
    # the best forecaster beats the "no change" forecast on held-out windows of the sine waves
    assert meta["val_mse"] < meta["naive_val_mse"], meta
    ref = ipc.open_file(str(d / "artifacts" / "reference.arrow")).read_all().to_pydict()
    x = np.column_stack([ref[f"x{i}"] for i in range(20)]).astype(np.float32)
    y_torch = np.column_stack([ref["y0"], ref["y1"]])
    sess = ort.InferenceSession(str(d / "artifacts" / "best.onnx"))
    y_onnx = sess.run(["y"], {"x": x})[0]
    assert y_onnx.shape == (len(x), 2)
    np.testing.assert_allclose(y_onnx, y_torch, rtol=1e-5, atol=1e-5)
    # a single window (batch 1) runs too
    assert sess.run(["y"], {"x": x[:1]})[0].shape == (1, 2)


def test_unknown_arch_fails_cleanly(tmp_path):
    d = make_job(tmp_path, {"archs": ["lstm", "tcn"]})
    p = run_worker(d)
    assert p.returncode == 1
    st = json.loads((d / "status.json").read_text())
    assert "params.archs: unknown forecaster 'tcn'" in st["error"]
    assert list((d / "artifacts").iterdir()) == []

"""The worker process end to end on CPU with a tiny job folder: status, events, artifacts, failures."""
import hashlib
import json
import os
import subprocess
import sys

import numpy as np
import pyarrow as pa
import pyarrow.ipc as ipc
import pytest

from conftest import FIXTURES, GPU_DIR

FIX = json.loads((FIXTURES / "garch-arch.json").read_text())


def make_job(tmp_path, params, names=("S0", "S3")):
    cols = {"date": pa.array([f"d{t:04d}" for t in range(FIX["T"])])}
    for n in names:
        cols[n] = pa.array(FIX["returns"][FIX["names"].index(n)], type=pa.float64())
    sink = pa.BufferOutputStream()
    with ipc.new_file(sink, pa.table(cols).schema) as w:
        w.write_table(pa.table(cols))
    data = sink.getvalue().to_pybytes()
    sha = hashlib.sha256(data).hexdigest()
    d = tmp_path / "garch-batch-test"
    (d / "inputs").mkdir(parents=True)
    (d / "inputs" / f"{sha}.arrow").write_bytes(data)
    spec = {"version": 1, "kind": "garch-batch", "inputs": {"returns": {"sha256": sha, "format": "arrow"}},
            "params": params, "seed": 0, "resources": {"gpus": 0, "cpus": 1, "memoryMb": 0}, "outputs": ["garch.arrow"]}
    (d / "spec.json").write_text(json.dumps(spec))
    return d


def run_worker(d):
    env = dict(os.environ, PYTHONPATH=str(GPU_DIR))
    return subprocess.run([sys.executable, "-m", "alpha_factory_gpu.worker", "--job-dir", str(d)], env=env,
                          capture_output=True, text=True, timeout=300)


def test_worker_fits_and_publishes(tmp_path):
    d = make_job(tmp_path, {"models": [{"vol": "GARCH", "dist": "normal"}]})
    p = run_worker(d)
    assert p.returncode == 0, p.stderr
    st = json.loads((d / "status.json").read_text())
    assert st["state"] == "succeeded" and st["progress"] == 1.0 and st["artifacts"] == ["garch.arrow"]
    assert st["device"] == "cpu"
    events = [json.loads(l) for l in (d / "events.jsonl").read_text().splitlines()]
    assert events[0]["state"] == "running" and events[-1]["state"] == "succeeded"
    assert any(e["type"] == "progress" for e in events)
    tbl = ipc.open_file(str(d / "artifacts" / "garch.arrow")).read_all().to_pydict()
    assert tbl["series"] == ["S0", "S3"]
    for b, name in ((0, "S0"), (1, "S3")):
        ref = next(f for f in FIX["fits"] if f["vol"] == "GARCH" and f["dist"] == "normal"
                   and f["series"] == FIX["names"].index(name))
        assert abs(tbl["loglik"][b] - ref["loglik"]) <= 1e-6 * abs(ref["loglik"])
        assert abs(tbl["beta"][b] - ref["beta"]) <= 1e-4
        assert tbl["gamma"][b] is None and tbl["nu"][b] is None
    assert tbl["nobs"] == [600, 450]
    assert not [p for p in (d / "artifacts").iterdir() if p.name.startswith(".")]


def test_float32_reports_drift(tmp_path):
    d = make_job(tmp_path, {"dtype": "float32"}, names=("S1",))
    p = run_worker(d)
    assert p.returncode == 0, p.stderr
    tbl = ipc.open_file(str(d / "artifacts" / "garch.arrow")).read_all().to_pydict()
    ref = next(f for f in FIX["fits"] if f["vol"] == "GARCH" and f["dist"] == "normal" and f["series"] == 1)
    # the float64 re-evaluation at the float32 optimum is within float32 optimiser noise of arch's optimum
    assert tbl["loglik_f64"][0] == pytest.approx(ref["loglik"], rel=1e-4)
    assert tbl["loglik_f64"][0] <= ref["loglik"] + 1e-6 * abs(ref["loglik"])
    assert 0 <= tbl["drift"][0] < 1e-4


def test_bad_params_fail_cleanly(tmp_path):
    d = make_job(tmp_path, {"models": [{"vol": "FIGARCH"}]})
    p = run_worker(d)
    assert p.returncode == 1
    st = json.loads((d / "status.json").read_text())
    assert st["state"] == "failed"
    assert "params.models[0].vol must be one of GARCH, GJR, EGARCH" in st["error"]
    assert st["message"].startswith("failed: ") and "FIGARCH" in st["message"]
    assert "FIGARCH" in st["logTail"]
    assert list((d / "artifacts").iterdir()) == []


def test_unimplemented_kind_fails(tmp_path):
    d = make_job(tmp_path, {})
    spec = json.loads((d / "spec.json").read_text())
    spec["kind"] = "no-such-kind"
    (d / "spec.json").write_text(json.dumps(spec))
    p = run_worker(d)
    assert p.returncode == 1
    assert "kind 'no-such-kind' is not implemented" in json.loads((d / "status.json").read_text())["error"]


def test_sigma_artifact_matches_arch_conditional_volatility(tmp_path):
    d = make_job(tmp_path, {"sigma": True}, names=("S0", "S3"))
    p = run_worker(d)
    assert p.returncode == 0, p.stderr
    st = json.loads((d / "status.json").read_text())
    assert st["artifacts"] == ["garch.arrow", "sigma-GARCH-normal.arrow"]
    tbl = ipc.open_file(str(d / "artifacts" / "sigma-GARCH-normal.arrow")).read_all().to_pydict()
    assert tbl["date"][0] == "d0000"
    for name in ("S0", "S3"):
        ref = next(f for f in FIX["fits"] if f["vol"] == "GARCH" and f["dist"] == "normal"
                   and f["series"] == FIX["names"].index(name))["conditional_volatility"]
        got = tbl[name]
        assert len(got) == len(ref)
        for g, r in zip(got, ref):
            if r is None:
                assert g is None or np.isnan(g)
            else:
                assert abs(g - r) <= 1e-5 * r

"""The sweep machinery on CPU with tiny sizes: the local successive-halving loop (counts from the rung rule),
the best trial exported to ONNX (onnxruntime == a re-trained PyTorch model to 1e-5), the search space,
cancel."""
import json
import math
import os
import signal
import subprocess
import sys
import time

import numpy as np
import pyarrow.ipc as ipc
import pytest
import torch

from alpha_factory_gpu.tune import SpaceError, rung_schedule, trial_configs
from alpha_factory_gpu.tune.asha import planned_epochs
from alpha_factory_gpu.tune.forecaster import ForecastData, ForecasterTrial, check_config
from conftest import GPU_DIR
from test_forecaster import make_job, sine_series
from test_worker import run_worker

ort = pytest.importorskip("onnxruntime", reason="onnxruntime is not installed (pip install -r gpu/requirements.txt)")

SPACE = {"arch": ["gru", "nbeats"], "hidden": [8], "lr": {"loguniform": [1e-3, 3e-2]}, "lookback": [10, 16]}


def sweep_job(tmp_path, params, kind="sweep"):
    d = make_job(tmp_path, params)
    spec = json.loads((d / "spec.json").read_text())
    spec["kind"] = kind
    (d / "spec.json").write_text(json.dumps(spec))
    return d


def table(d, name):
    return ipc.open_file(str(d / "artifacts" / name)).read_all()


def test_rung_schedule():
    assert rung_schedule(9, 1, 3) == [1, 3, 9]
    assert rung_schedule(20, 2, 3) == [2, 6, 18, 20]
    assert rung_schedule(4, 4, 2) == [4]
    # 9 trials, eta 3: 9 x 1 epoch, 3 go on to epoch 3, 1 to epoch 9: 9 + 3*2 + 1*6 = 21 epochs (81 without stopping)
    assert planned_epochs(9, [1, 3, 9], 3) == 21
    with pytest.raises(ValueError, match="reductionFactor >= 2"):
        rung_schedule(9, 1, 1)


def test_local_asha_stops_bad_trials_at_each_rung_and_exports_the_best(tmp_path):
    d = sweep_job(tmp_path, {"space": SPACE, "numSamples": 9, "maxT": 9, "gracePeriod": 1, "reductionFactor": 3})
    p = run_worker(d)
    assert p.returncode == 0, p.stderr
    st = json.loads((d / "status.json").read_text())
    assert st["state"] == "succeeded"
    assert set(st["artifacts"]) == {"trials.arrow", "history.arrow", "sweep.json", "reference.arrow",
                                    "forecaster.json", "best.onnx"}
    tr = table(d, "trials.arrow").to_pydict()
    assert tr["trial"] == list(range(9))
    # the rung rule: 9 trials at rung 1, floor(9/3) = 3 go on to rung 3, floor(3/3) = 1 runs to 9 epochs
    assert sorted(tr["epochs"]) == [1] * 6 + [3] * 2 + [9]
    assert sorted(tr["status"]) == ["completed"] + ["stopped"] * 8
    summary = json.loads((d / "artifacts" / "sweep.json").read_text())
    assert summary["backend"] == "local" and summary["rungs"] == [1, 3, 9]
    assert summary["epochs_trained"] == 21 and summary["epochs_without_stopping"] == 81
    # whoever went on from a rung was at least as good there as everyone stopped at it
    hist = table(d, "history.arrow").to_pydict()
    at = {(t, e): v for t, e, v in zip(hist["trial"], hist["epoch"], hist["val_mse"])}
    assert len(at) == 21
    for rung, n_on in ((1, 3), (3, 1)):
        reached = [t for t in range(9) if (t, rung) in at]
        went_on = [t for t in reached if (t, rung + 1) in at]
        assert len(went_on) == n_on
        stopped = [t for t in reached if t not in went_on]
        assert max(at[(t, rung)] for t in went_on) <= min(at[(t, rung)] for t in stopped)
    for t in range(9):  # the metric of a trial is its validation MSE after its last epoch
        assert tr["val_mse"][t] == at[(t, tr["epochs"][t])]
    # progress and one event per trial
    events = [json.loads(line) for line in (d / "events.jsonl").read_text().splitlines()]
    assert sorted(e["trial"] for e in events if e["type"] == "trial") == list(range(9))
    assert any(e["type"] == "progress" for e in events)

    # the best trial (lowest validation MSE) is the one exported: re-train its config from its seed with the
    # same trainable for the same epochs; ONNX on the validation windows equals that PyTorch model to 1e-5
    best = int(np.argmin(tr["val_mse"]))
    meta = json.loads((d / "artifacts" / "forecaster.json").read_text())
    assert meta["best"]["trial"] == best and meta["val_mse"] == tr["val_mse"][best]
    cfg = check_config(trial_configs(SPACE, 9, 3)[best], "test")
    assert meta["lookback"] == cfg["lookback"]
    x = np.column_stack(sine_series())
    data = ForecastData(x, 1, 0.2)
    trial = ForecasterTrial(cfg, data, 3 + best, torch.device("cpu"))
    for _ in range(tr["epochs"][best]):
        m = trial.train_epoch()
    assert m["val_mse"] == pytest.approx(tr["val_mse"][best], rel=1e-6)
    xva = data.get(cfg["lookback"])[2].astype(np.float32)
    trial.model.eval()
    with torch.no_grad():
        y_torch = trial.model(torch.tensor(xva)).numpy()
    y_onnx = ort.InferenceSession(str(d / "artifacts" / "best.onnx")).run(["y"], {"x": xva})[0]
    np.testing.assert_allclose(y_onnx, y_torch, rtol=1e-5, atol=1e-5)


def test_forecaster_train_with_params_sweep_uses_the_same_machinery(tmp_path):
    d = sweep_job(tmp_path, {"sweep": {"space": {"arch": ["lstm", "transformer"], "hidden": [8], "lookback": [10],
                                                 "epochs": [2, 4]}, "gracePeriod": 2, "reductionFactor": 2}},
                  kind="forecaster-train")
    p = run_worker(d)
    assert p.returncode == 0, p.stderr
    tr = table(d, "trials.arrow").to_pydict()
    assert tr["arch"] == ["lstm", "lstm", "transformer", "transformer"] and tr["max_epochs"] == [2, 4, 2, 4]
    summary = json.loads((d / "artifacts" / "sweep.json").read_text())
    assert summary["rungs"] == [2, 4] and summary["trials"] == 4 and summary["backend"] == "local"
    # rung 2: all four trained 2 epochs; the trials capped at 2 complete; of the others, those ranked in the
    # top floor(4/2) = 2 of all four go on to 4 epochs, the rest stop
    hist = table(d, "history.arrow").to_pydict()
    at2 = {t: v for t, e, v in zip(hist["trial"], hist["epoch"], hist["val_mse"]) if e == 2}
    rank = {t: k for k, t in enumerate(sorted(at2, key=lambda t: (at2[t], t)))}
    for t in range(4):
        if tr["max_epochs"][t] == 2:
            assert (tr["epochs"][t], tr["status"][t]) == (2, "completed")
        elif rank[t] < 2:
            assert (tr["epochs"][t], tr["status"][t]) == (4, "completed")
        else:
            assert (tr["epochs"][t], tr["status"][t]) == (2, "stopped")


def test_search_space():
    grid = trial_configs({"arch": ["gru", "lstm"], "hidden": [8, 16], "lr": 0.01}, None, 0)
    assert grid == [{"arch": a, "hidden": h, "lr": 0.01} for a in ("gru", "lstm") for h in (8, 16)]
    a = trial_configs({"lr": {"loguniform": [1e-4, 1e-1]}, "layers": {"randint": [1, 3]}, "arch": ["gru"]}, 50, 7)
    assert a == trial_configs({"lr": {"loguniform": [1e-4, 1e-1]}, "layers": {"randint": [1, 3]}, "arch": ["gru"]}, 50, 7)
    assert len(a) == 50 and all(1e-4 <= c["lr"] <= 1e-1 and c["layers"] in (1, 2) for c in a)
    assert len({c["lr"] for c in a}) == 50
    assert trial_configs({"lr": [0.1]}, None, 0) == [{"lr": 0.1}]
    with pytest.raises(SpaceError, match=r"params.space.lr: expected a list, a constant or one of"):
        trial_configs({"lr": {"normal": [0, 1]}}, None, 0)
    with pytest.raises(SpaceError, match=r"params.space.lr.loguniform: need 0 < low < high"):
        trial_configs({"lr": {"loguniform": [0, 1]}}, None, 0)


def test_bad_sweep_params_fail_cleanly(tmp_path):
    d = sweep_job(tmp_path, {"space": {"arch": ["gru", "tcn"]}})
    p = run_worker(d)
    assert p.returncode == 1
    st = json.loads((d / "status.json").read_text())
    assert "params.space (trial 1): unknown forecaster 'tcn'" in st["error"]
    assert list((d / "artifacts").iterdir()) == []


def test_cancel_ends_a_running_sweep(tmp_path):
    d = sweep_job(tmp_path, {"space": {"arch": ["gru"], "hidden": [64], "lookback": [16]}, "numSamples": 4,
                             "maxT": 100000, "scheduler": "fifo"})
    env = dict(os.environ, PYTHONPATH=str(GPU_DIR))
    proc = subprocess.Popen([sys.executable, "-m", "alpha_factory_gpu.worker", "--job-dir", str(d)], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    ev = d / "events.jsonl"
    end = time.monotonic() + 120
    while time.monotonic() < end and not (ev.exists() and '"progress"' in ev.read_text()):
        time.sleep(0.1)
    proc.send_signal(signal.SIGTERM)
    assert proc.wait(timeout=60) == 130
    st = json.loads((d / "status.json").read_text())
    assert st["state"] == "cancelled"
    assert list((d / "artifacts").iterdir()) == []
    assert math.isfinite(st["progress"])

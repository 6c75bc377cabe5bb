"""The committed ONNX fixtures of kernel-lib (scripts/fixtures/jobs_onnx.py) run in onnxruntime to PyTorch's numbers.

kernel-lib/test/jobs/onnx.test.ts checks onnxruntime-node against the same numbers."""
import json

import numpy as np
import pytest

from conftest import FIXTURES

ort = pytest.importorskip("onnxruntime", reason="onnxruntime is not installed (pip install -r gpu/requirements.txt)")


@pytest.mark.parametrize("arch", ["nbeats", "gru"])
def test_fixture_models_reproduce_pytorch(arch):
    fx = json.loads((FIXTURES / "forecaster-onnx.json").read_text())
    m = fx["models"][arch]
    sess = ort.InferenceSession(str(FIXTURES / m["file"]))
    vals = np.array([[np.nan if v is None else v for v in row] for row in fx["values"]])
    L = fx["lookback"]
    checked = 0
    for s in range(L - 1, len(fx["dates"])):
        for i in range(len(fx["assets"])):
            want = m["forecast"][s][i]
            if want[0] is None:
                continue
            got = sess.run(["y"], {"x": vals[s - L + 1: s + 1, i][None, :].astype(np.float32)})[0][0]
            np.testing.assert_allclose(got, want, rtol=1e-5, atol=1e-5)
            checked += 1
    assert checked == (len(fx["dates"]) - L + 1) * 3 - 3  # asset CCC starts 3 dates late

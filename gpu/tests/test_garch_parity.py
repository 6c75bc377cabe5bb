"""Batched fits against arch 8 (fixture: scripts/fixtures/jobs.py -> kernel-lib/test/fixtures/jobs/garch-arch.json).

Target of issue 7: log-likelihoods within 1e-6 relative, parameters within 1e-4."""
import json

import numpy as np
import pytest
import torch

from alpha_factory_gpu.garch import ModelSpec, backcast, fit_batch, left_align
from conftest import FIXTURES

FIX = json.loads((FIXTURES / "garch-arch.json").read_text())


def _data(dtype=torch.float64):
    x = np.array([[np.nan if v is None else v for v in col] for col in FIX["returns"]]).T
    r, m, problems = left_align(x)
    assert problems == [""] * len(FIX["names"])
    return torch.tensor(r, dtype=dtype), torch.tensor(m, dtype=dtype)


def test_backcast_is_arch_formula():
    r, m = _data()
    y = r[3, : int(m[3].sum())].numpy()
    tau = min(75, y.size)
    w = 0.94 ** np.arange(tau)
    w = w / w.sum()
    expected = float(np.sum((y[:tau] - y.mean()) ** 2 * w))
    assert backcast(r, m)[3].item() == pytest.approx(expected, rel=1e-13)


@pytest.mark.parametrize("vol", ["GARCH", "GJR", "EGARCH"])
@pytest.mark.parametrize("dist", ["normal", "t"])
def test_batch_matches_arch(vol, dist):
    r, m = _data()
    out = fit_batch(ModelSpec(vol, dist), r, m)
    rows = [f for f in FIX["fits"] if f["vol"] == vol and f["dist"] == dist]
    assert len(rows) == 4
    for f in rows:
        b = f["series"]
        assert out["converged"][b], out["message"][b]
        assert out["nobs"][b] == f["nobs"]
        assert abs(out["loglik"][b] - f["loglik"]) <= 1e-6 * abs(f["loglik"])
        assert out["aic"][b] == pytest.approx(f["aic"], rel=1e-6)
        assert out["bic"][b] == pytest.approx(f["bic"], rel=1e-6)
        for k in ("mu", "omega", "alpha", "gamma", "beta", "nu"):
            if f[k] is None:
                assert np.isnan(out[k][b])
            else:
                assert abs(out[k][b] - f[k]) <= 1e-4, (k, out[k][b], f[k])


def test_left_align_reports_inner_gaps():
    x = np.array([[np.nan, 1.0, 2.0], [0.5, np.nan, 1.0], [0.1, 1.0, np.nan]] + [[0.1, 0.2, 0.3]] * 20)
    _, m, problems = left_align(x)
    assert problems[0] == "" and int(m[0].sum()) == 22
    assert problems[1].startswith("missing value inside the series (row 1)")
    assert problems[2].startswith("missing value inside the series (row 2)")

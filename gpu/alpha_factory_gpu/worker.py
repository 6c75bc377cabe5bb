"""Entry point: ``python -m alpha_factory_gpu.worker --job-dir <dir>``.

Reads the job's spec and inputs, runs the kind, and writes status, events, log lines and artifacts into
the same folder. The status goes running -> succeeded | failed | cancelled; artifacts are published
(renamed from temp files) before `succeeded` is written, and a failure removes the temp files, so a
reader never sees a half-written result. SIGTERM (sent to the worker's process group by `cancel`)
ends the job as cancelled.
"""
from __future__ import annotations

import argparse
import collections
import logging
import os
import signal
import sys
import time
import traceback
from typing import Any, Callable

from .store import JobDir, now


class Cancelled(Exception):
    pass


class _Tail(logging.Handler):
    def __init__(self, n: int = 40):
        super().__init__()
        self.lines: collections.deque[str] = collections.deque(maxlen=n)

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(self.format(record))


class Context:
    """What a kind gets: the job folder, the torch device, a logger and a progress reporter."""

    def __init__(self, job: JobDir, device: Any, log: logging.Logger):
        self.job = job
        self.device = device
        self.log = log
        self.params: dict[str, Any] = job.spec.get("params", {})
        self.seed: int = int(job.spec.get("seed", 0))
        self._last = 0.0

    def progress(self, fraction: float, message: str | None = None, force: bool = False, **extra: Any) -> None:
        """Record progress (an event and the status); `extra` fields go into the event only."""
        t = time.monotonic()
        if not force and t - self._last < 0.25:
            return
        self._last = t
        fraction = max(0.0, min(1.0, float(fraction)))
        self.job.event("progress", progress=fraction, **({"message": message} if message else {}), **extra)
        self.job.update_status(progress=fraction, message=message)


def pick_device(requested: str | None):
    import torch
    if requested in (None, "auto"):
        return torch.device("cuda" if torch.cuda.is_available() else "cpu")
    if requested.startswith("cuda") and not torch.cuda.is_available():
        raise RuntimeError(f"device {requested!r} requested but torch sees no CUDA device")
    return torch.device(requested)


def kinds() -> dict[str, Callable[[Context], list[str]]]:
    from .kinds import factor_mining, forecaster_train, garch_batch, sweep
    return {"garch-batch": garch_batch.run, "forecaster-train": forecaster_train.run, "factor-mining": factor_mining.run,
            "sweep": sweep.run}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m alpha_factory_gpu.worker")
    ap.add_argument("--job-dir", required=True)
    ap.add_argument("--device", default=None, help="auto (default), cpu, cuda, cuda:N")
    args = ap.parse_args(argv)

    log = logging.getLogger("alpha_factory_gpu")
    log.setLevel(logging.INFO)
    fmt = logging.Formatter("%(asctime)s %(levelname)s %(message)s")
    h = logging.StreamHandler(sys.stderr)
    h.setFormatter(fmt)
    tail = _Tail()
    tail.setFormatter(fmt)
    log.addHandler(h)
    log.addHandler(tail)

    job = JobDir(args.job_dir)

    def on_term(signum, frame):  # noqa: ARG001
        raise Cancelled(f"signal {signum}")

    signal.signal(signal.SIGTERM, on_term)
    signal.signal(signal.SIGINT, on_term)
    kind = job.spec["kind"]
    try:
        device = pick_device(args.device or job.spec.get("params", {}).get("device"))
        job.update_status(state="running", startedAt=now(), pid=os.getpid(), device=str(device), progress=0.0,
                          message=f"running {kind} on {device}")
        job.event("state", state="running", message=f"pid {os.getpid()} on {device}")
        log.info("job %s (%s) started on %s, pid %d", job.id, kind, device, os.getpid())
        table = kinds()
        if kind not in table:
            raise NotImplementedError(f"kind {kind!r} is not implemented by this worker (it runs: {', '.join(table)})")
        ctx = Context(job, device, log)
        artifacts = table[kind](ctx)
        job.update_status(state="succeeded", finishedAt=now(), progress=1.0, artifacts=artifacts,
                          message=f"wrote {', '.join(artifacts)}")
        job.event("state", state="succeeded", progress=1.0)
        log.info("job %s succeeded", job.id)
        return 0
    except Cancelled as e:
        job.discard_temps()
        log.info("job %s cancelled (%s)", job.id, e)
        job.update_status(state="cancelled", finishedAt=now(), message=f"cancelled ({e})")
        job.event("state", state="cancelled")
        return 130
    except BaseException as e:  # noqa: BLE001
        job.discard_temps()
        log.error("job %s failed: %s: %s", job.id, type(e).__name__, e)
        for line in traceback.format_exc().rstrip().splitlines()[-8:]:
            log.error("%s", line)
        job.update_status(state="failed", finishedAt=now(), error=f"{type(e).__name__}: {e}",
                          message=f"failed: {type(e).__name__}: {e}", logTail="\n".join(tail.lines))
        job.event("state", state="failed", message=f"{type(e).__name__}: {e}")
        return 1


if __name__ == "__main__":
    sys.exit(main())

"""The job folder, as the worker sees it (same layout as kernel-lib/src/jobs/store.ts):

    spec.json, status.json (replaced atomically), events.jsonl (append-only), worker.log,
    inputs/<sha256>.<arrow|parquet>, artifacts/<name> (each written to a temp file, then renamed).
"""
from __future__ import annotations

import datetime as _dt
import json
import os
import pathlib
from typing import Any


def now() -> str:
    return _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def write_atomic(path: pathlib.Path, data: bytes) -> None:
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    with open(tmp, "wb") as f:
        f.write(data)
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, path)


class JobDir:
    def __init__(self, path: str | os.PathLike[str]):
        self.path = pathlib.Path(path).resolve()
        if not (self.path / "spec.json").exists():
            raise FileNotFoundError(f"{self.path} has no spec.json (not a job folder)")
        self.spec: dict[str, Any] = json.loads((self.path / "spec.json").read_text())
        (self.path / "artifacts").mkdir(exist_ok=True)

    @property
    def id(self) -> str:
        return self.path.name

    def read_status(self) -> dict[str, Any]:
        p = self.path / "status.json"
        if p.exists():
            return json.loads(p.read_text())
        return {"id": self.id, "kind": self.spec["kind"], "state": "queued", "executor": "local",
                "submittedAt": now(), "progress": 0, "attempt": 1}

    def update_status(self, **fields: Any) -> dict[str, Any]:
        st = self.read_status()
        st.update({k: v for k, v in fields.items() if v is not None})
        write_atomic(self.path / "status.json", (json.dumps(st, indent=2) + "\n").encode())
        return st

    def event(self, type_: str, **fields: Any) -> None:
        line = json.dumps({"time": now(), "type": type_, **fields}) + "\n"
        with open(self.path / "events.jsonl", "a") as f:
            f.write(line)

    def input_path(self, name: str) -> pathlib.Path:
        inputs = self.spec.get("inputs", {})
        if name not in inputs:
            raise KeyError(f"the spec has no input named {name!r} (inputs: {', '.join(inputs) or 'none'})")
        inp = inputs[name]
        p = self.path / "inputs" / f"{inp['sha256']}.{inp['format']}"
        if not p.exists():
            raise FileNotFoundError(f"input {name!r} is missing from the job folder ({p})")
        return p

    def artifact_tmp(self, name: str) -> pathlib.Path:
        return self.path / "artifacts" / f".{name}.tmp"

    def publish(self, name: str) -> None:
        """Rename a finished temp artifact to its final name (atomic)."""
        os.replace(self.artifact_tmp(name), self.path / "artifacts" / name)

    def discard_temps(self) -> None:
        for p in (self.path / "artifacts").glob(".*.tmp"):
            p.unlink(missing_ok=True)

#!/usr/bin/env python3
"""Execute a notebook with the tslab kernel and export it to a self-contained HTML report.

Used by `alpha-factory report <notebook> --html <out>`. Steps:
1. append a final `af-manifest` cell that shows the experiment manifest, unless the
   notebook already ends with one;
2. execute every cell with nbclient (kernel `tslab`, working directory = the notebook's
   folder, so `@alpha-factory/kernel` resolves from there);
3. copy the manifest payload the kernel emitted into `metadata.alpha_factory.manifest`,
   with the executor's own versions, and (optionally) write the executed notebook;
4. export HTML with nbconvert; charts survive because every chart output carries SVG;
   the manifest is also embedded as `<script type="application/json" id="alpha-factory-manifest">`.

Errors print one line (which cell, which error) and exit 1; no Python traceback.
"""
from __future__ import annotations

import argparse
import datetime as _dt
import json
import os
import platform
import re
import sys

MANIFEST_MIME = "application/vnd.alpha-factory.manifest.v1+json"
MANIFEST_TAG = "af-manifest"
MANIFEST_SOURCE = "require('@alpha-factory/kernel').experiment.showManifest();"


def fail(msg: str) -> "None":
    sys.stderr.write(f"alpha-factory report: {msg}\n")
    sys.exit(1)


def ensure_manifest_cell(nb) -> None:
    import nbformat

    last = nb.cells[-1] if nb.cells else None
    if last is not None and MANIFEST_TAG in last.get("metadata", {}).get("tags", []):
        return
    cell = nbformat.v4.new_code_cell(MANIFEST_SOURCE)
    cell.metadata["tags"] = [MANIFEST_TAG]
    nb.cells.append(cell)


def cell_error(cell, exc) -> str:
    """One line saying what went wrong in a cell (tslab reports errors on stderr)."""
    lines = []
    for out in cell.get("outputs", []):
        if out.get("output_type") == "error":
            lines.append(f"{out.get('ename', '')}: {out.get('evalue', '')}")
        elif out.get("output_type") == "stream" and out.get("name") == "stderr":
            lines.extend(out.get("text", "").splitlines())
    if not lines:
        lines = str(exc).splitlines()
    pattern = re.compile(r"(\b[A-Za-z]*Error\b|^\d+:\d+ - )")
    hit = next((l.strip() for l in lines if pattern.search(l)), None)
    return (hit or next((l.strip() for l in reversed(lines) if l.strip()), "error"))[:400]


def find_manifest(nb):
    found = None
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            data = out.get("data", {})
            if MANIFEST_MIME in data:
                found = data[MANIFEST_MIME]
    if isinstance(found, str):
        found = json.loads(found)
    return found


def embed_manifest(html: str, manifest) -> str:
    payload = json.dumps(manifest, sort_keys=True).replace("</", "<\\/")
    tag = f'<script type="application/json" id="alpha-factory-manifest">{payload}</script>'
    idx = html.rfind("</body>")
    return html[:idx] + tag + "\n" + html[idx:] if idx >= 0 else html + tag


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(prog="alpha-factory report", description=__doc__.split("\n")[0])
    ap.add_argument("notebook")
    ap.add_argument("--html", required=True, help="output HTML file")
    ap.add_argument("--kernel", default="tslab")
    ap.add_argument("--timeout", type=int, default=900, help="seconds per cell")
    ap.add_argument("--executed", help="also write the executed notebook here")
    args = ap.parse_args(argv)

    try:
        import nbclient
        import nbconvert
        import nbformat
        from nbclient.exceptions import CellExecutionError, CellTimeoutError
    except ImportError as e:  # pragma: no cover - environment problem
        fail(f"{e.name} is not installed in {sys.executable}; run `make lab` or pip install nbclient nbconvert")

    path = os.path.abspath(args.notebook)
    if not os.path.isfile(path):
        fail(f"{args.notebook}: no such notebook")
    try:
        nb = nbformat.read(path, as_version=4)
    except Exception as e:  # malformed JSON
        fail(f"{args.notebook}: not a readable notebook ({e})")

    ensure_manifest_cell(nb)
    client = nbclient.NotebookClient(
        nb,
        kernel_name=args.kernel,
        timeout=args.timeout,
        resources={"metadata": {"path": os.path.dirname(path)}},
    )
    started = _dt.datetime.now(_dt.timezone.utc)
    try:
        with client.setup_kernel():
            for index, cell in enumerate(nb.cells):
                try:
                    client.execute_cell(cell, index)
                except CellExecutionError as e:
                    fail(f"{args.notebook}: cell {index + 1} failed: {cell_error(cell, e)}")
    except CellTimeoutError:
        fail(f"{args.notebook}: a cell ran longer than {args.timeout} s")
    except SystemExit:
        raise
    except Exception as e:
        fail(f"{args.notebook}: could not execute with kernel '{args.kernel}': {e}")
    finished = _dt.datetime.now(_dt.timezone.utc)

    manifest = find_manifest(nb)
    if manifest is None:
        fail(f"{args.notebook}: the kernel emitted no experiment manifest ({MANIFEST_MIME})")
    nb.metadata["alpha_factory"] = {
        "manifest": manifest,
        "executed": {
            "started_at": started.isoformat(),
            "finished_at": finished.isoformat(),
            "kernel": args.kernel,
            "nbclient": nbclient.__version__,
            "nbconvert": nbconvert.__version__,
            "python": platform.python_version(),
        },
    }
    if args.executed:
        nbformat.write(nb, args.executed)

    exporter = nbconvert.HTMLExporter()
    body, _ = exporter.from_notebook_node(nb)
    body = embed_manifest(body, nb.metadata["alpha_factory"])
    out = os.path.abspath(args.html)
    os.makedirs(os.path.dirname(out), exist_ok=True)
    with open(out, "w", encoding="utf-8") as f:
        f.write(body)
    print(f"wrote {out} ({len(nb.cells)} cells, manifest with {len(manifest.get('data', []))} data files)")
    return 0


if __name__ == "__main__":
    sys.exit(main())

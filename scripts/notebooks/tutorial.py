"""What every tutorial generator shares: the cell constructors and the writer that appends the
experiment-manifest cell (tagged `af-manifest`), gives cells stable ids (so regenerating changes
nothing) and writes `notebooks/<name>` for the tslab kernel."""
from pathlib import Path

import nbformat as nbf

md = nbf.v4.new_markdown_cell
code = nbf.v4.new_code_cell


def write_tutorial(cells: list, name: str, id_prefix: str = "cell") -> None:
    manifest = code("experiment.showManifest();")
    manifest.metadata["tags"] = ["af-manifest"]
    cells = [*cells, manifest]
    for i, cell in enumerate(cells):
        cell.id = f"{id_prefix}-{i:02d}"
    nb = nbf.v4.new_notebook()
    nb.cells = cells
    nb.metadata["kernelspec"] = {"name": "tslab", "display_name": "TypeScript", "language": "typescript"}
    nb.metadata["language_info"] = {"name": "typescript", "file_extension": ".ts", "mimetype": "text/typescript"}
    out = Path(__file__).resolve().parents[2] / "notebooks" / name
    nbf.write(nb, out)
    print(f"wrote {out}")

"""Arrow IPC in and out. Wide tables: an optional string `date` column, then one float64 column per series."""
from __future__ import annotations

import pathlib

import numpy as np
import pyarrow as pa
import pyarrow.ipc as ipc


def read_table(path: pathlib.Path, fmt: str = "arrow") -> pa.Table:
    if fmt == "parquet":
        import pyarrow.parquet as pq
        return pq.read_table(path)
    with pa.memory_map(str(path), "r") as src:
        try:
            return ipc.open_file(src).read_all()
        except pa.ArrowInvalid:
            src.seek(0)
            return ipc.open_stream(src).read_all()


def wide_matrix(table: pa.Table) -> tuple[list[str], list[str] | None, np.ndarray]:
    """(series names, dates or None, (T, B) float64 matrix with NaN for nulls)."""
    dates = None
    names = []
    cols = []
    for name in table.column_names:
        col = table.column(name)
        if name == "date":
            dates = [str(v) for v in col.to_pylist()]
            continue
        if not (pa.types.is_floating(col.type) or pa.types.is_integer(col.type)):
            raise ValueError(f"column {name!r} is {col.type}, expected numbers (one column per series)")
        names.append(name)
        cols.append(col.to_numpy(zero_copy_only=False).astype(np.float64))
    if not cols:
        raise ValueError("the input table has no numeric columns")
    return names, dates, np.column_stack(cols)


def write_table(table: pa.Table, path: pathlib.Path) -> None:
    with pa.OSFile(str(path), "wb") as sink:
        with ipc.new_file(sink, table.schema) as w:
            w.write_table(table)

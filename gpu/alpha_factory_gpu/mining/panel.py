"""The mining job's input: a price panel in kernel-lib's long Arrow layout (``panelToArrowBytes``).

Columns: ``date`` (Date32/Date64/timestamp or ISO strings), a ticker column (``ticker``, ``asset`` or
``symbol``; strings or dictionary-encoded strings), then one numeric column per field (open, high,
low, close, volume, vwap, ...). Missing values are NaN or null; a (date, ticker) pair missing from
the table is missing in the panel. Dates are sorted ascending, assets keep their first-seen order.
"""
from __future__ import annotations

import datetime as _dt

import numpy as np
import pyarrow as pa

TICKER_COLUMNS = ("ticker", "asset", "symbol")


def _date_strings(col: pa.ChunkedArray) -> list[str]:
    t = col.type
    if pa.types.is_dictionary(t):
        col = col.cast(t.value_type)
        t = col.type
    vals = col.to_pylist()
    out = []
    for r, v in enumerate(vals):
        if v is None:
            raise ValueError(f"row {r + 2}, column 'date': the date is missing")
        if isinstance(v, _dt.datetime):
            out.append(v.date().isoformat())
        elif isinstance(v, _dt.date):
            out.append(v.isoformat())
        else:
            out.append(str(v)[:10])
    return out


def read_long_panel(table: pa.Table, file: str = "input") -> tuple[list[str], list[str], dict[str, np.ndarray]]:
    """(dates, assets, {field: (T, N) float64 array with NaN for missing})."""
    names = table.column_names
    if "date" not in names:
        raise ValueError(f"{file}: the panel needs a 'date' column (columns: {', '.join(names)})")
    tick = next((c for c in TICKER_COLUMNS if c in names), None)
    if tick is None:
        raise ValueError(f"{file}: the panel needs a ticker column ({' / '.join(TICKER_COLUMNS)}) in kernel-lib's long "
                         f"layout (date, ticker, one column per field); columns: {', '.join(names)}")
    dates_raw = _date_strings(table.column("date"))
    tcol = table.column(tick)
    if pa.types.is_dictionary(tcol.type):
        tcol = tcol.cast(tcol.type.value_type)
    tickers = [None if v is None else str(v).strip() for v in tcol.to_pylist()]
    for r, v in enumerate(tickers):
        if not v:
            raise ValueError(f"{file}: row {r + 2}, column '{tick}': the ticker is missing")
    dates = sorted(set(dates_raw))
    assets: list[str] = list(dict.fromkeys(tickers))
    di = {d: k for k, d in enumerate(dates)}
    ai = {a: k for k, a in enumerate(assets)}
    rows = np.fromiter((di[d] for d in dates_raw), dtype=np.int64, count=len(dates_raw))
    cols = np.fromiter((ai[a] for a in tickers), dtype=np.int64, count=len(tickers))
    flat = rows * len(assets) + cols
    counts = np.bincount(flat, minlength=len(dates) * len(assets))
    if (counts > 1).any():
        k = int(np.flatnonzero(counts > 1)[0])
        r = int(np.flatnonzero(flat == k)[1])
        raise ValueError(f"{file}: row {r + 2}: duplicate row for date {dates[k // len(assets)]} and {tick} "
                         f"{assets[k % len(assets)]}")
    fields: dict[str, np.ndarray] = {}
    for name in names:
        if name in ("date", tick):
            continue
        col = table.column(name)
        if not (pa.types.is_floating(col.type) or pa.types.is_integer(col.type)):
            continue
        v = col.to_numpy(zero_copy_only=False).astype(np.float64)
        v[~np.isfinite(v)] = np.nan
        m = np.full(len(dates) * len(assets), np.nan)
        m[flat] = v
        fields[name] = m.reshape(len(dates), len(assets))
    if not fields:
        raise ValueError(f"{file}: the panel has no numeric field columns")
    return dates, assets, fields

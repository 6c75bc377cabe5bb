"""Peer timings for `npm run bench:data`: pandas / pyarrow doing the same work as kernel-lib's loaders.

Prints one JSON object {case: [median wall ms, median CPU ms]} (CPU = time.process_time, all
threads, which stays meaningful on a busy machine). Run by kernel-lib/bench/data.ts with .venv-ref.
- csv_stocks: pd.read_csv of the 619,040-row gzip CSV, then pivot to dates x (field, ticker)
  (the loader's work: parse, then build the dates x assets x fields panel).
- csv_prices20: pd.read_csv of the wide 20-stock file with the date column parsed as the index.
- parquet_roundtrip: write the long stocks table to Parquet (snappy) with pyarrow and read it back.
"""
import io
import json
import os
import statistics
import sys
import time

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

DATA = sys.argv[1]
REPEAT = int(sys.argv[2]) if len(sys.argv) > 2 else 5


def median_ms(fn):
    fn()  # warm-up, as the TypeScript side does
    wall, cpu = [], []
    for _ in range(REPEAT):
        t0 = time.perf_counter()
        c0 = time.process_time()
        fn()
        cpu.append((time.process_time() - c0) * 1000)
        wall.append((time.perf_counter() - t0) * 1000)
    return [statistics.median(wall), statistics.median(cpu)]


stocks_path = os.path.join(DATA, "sp500_stocks_5yr_ohlcv.csv.gz")
p20_path = os.path.join(DATA, "stock_prices_20.csv")


def csv_stocks():
    df = pd.read_csv(stocks_path)
    return df.pivot(index="date", columns="ticker", values=["open", "high", "low", "close", "volume"])


def csv_p20():
    return pd.read_csv(p20_path, parse_dates=["date"], index_col="date")


table = pa.Table.from_pandas(pd.read_csv(stocks_path), preserve_index=False)


def parquet_roundtrip():
    buf = io.BytesIO()
    pq.write_table(table, buf, compression="snappy")
    return pq.read_table(io.BytesIO(buf.getvalue()))


print(
    json.dumps(
        {
            "csv_stocks": median_ms(csv_stocks),
            "csv_prices20": median_ms(csv_p20),
            "parquet_roundtrip": median_ms(parquet_roundtrip),
            "versions": {"pandas": pd.__version__, "pyarrow": pa.__version__},
        }
    )
)

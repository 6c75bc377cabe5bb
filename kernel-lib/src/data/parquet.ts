import type * as ParquetNS from 'parquet-wasm';
import { AlphaFactoryError } from '../errors';
import { arrowLib, panelToArrowTable, type ArrowWriteOptions } from './arrow';
import type * as ArrowNS from 'apache-arrow';
import type { Panel } from './panel';

type ParquetWasm = typeof ParquetNS;
let parquetModule: ParquetWasm | undefined;

/**
 * `parquet-wasm`, loaded on first use. Its Node entry (`parquet-wasm/node`, picked by the
 * package's `exports` for `require`) instantiates the WebAssembly module synchronously, so
 * no `await init()` is needed. Data crosses into and out of WebAssembly as Arrow IPC streams.
 */
function parquetLib(): ParquetWasm {
  if (!parquetModule) parquetModule = require('parquet-wasm') as ParquetWasm;
  return parquetModule;
}

/** Parquet bytes -> Arrow table (via an IPC stream). Bad bytes are an AlphaFactoryError naming the file. */
export function parquetToArrowTable(bytes: Uint8Array, file: string): ArrowNS.Table {
  const pq = parquetLib();
  let ipc: Uint8Array;
  try {
    // one record batch (the default is 1024 rows per batch, which makes every later step per-batch)
    ipc = pq.readParquet(bytes, { batchSize: 1 << 30 }).intoIPCStream();
  } catch (err) {
    throw new AlphaFactoryError('bad_parquet', `not a readable Parquet file: ${String((err as Error).message ?? err)}`, { file });
  }
  return arrowLib().tableFromIPC(ipc);
}

/** A Panel as Parquet bytes (Snappy-compressed), in the long or wide layout of `panelToArrowTable`. */
export function panelToParquetBytes(panel: Panel, opts: ArrowWriteOptions = {}): Uint8Array {
  const pq = parquetLib();
  const ipc = arrowLib().tableToIPC(panelToArrowTable(panel, opts), 'stream');
  const wasmTable = pq.Table.fromIPCStream(ipc);
  const props = new pq.WriterPropertiesBuilder().setCompression(pq.Compression.SNAPPY).build();
  return pq.writeParquet(wasmTable, props);
}

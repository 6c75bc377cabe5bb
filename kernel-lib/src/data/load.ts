import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { arrowTableFromBytes, arrowToRowTable, panelToArrowBytes, type ArrowWriteOptions } from './arrow';
import { buildPanel } from './build';
import { formatOf, readFileBytes, sha256Hex, type DataFormat } from './bytes';
import { csvToRowTable } from './csvTable';
import { DataValidationError, FatalDataIssue, IssueCollector, type DataIssue } from './issues';
import type { LoadOptions, PanelLayout } from './options';
import { Panel } from './panel';
import { panelToParquetBytes, parquetToArrowTable } from './parquet';
import { recordDataRead } from './readlog';

/** Everything `validateFile` found in one file. */
export interface ValidationReport {
  file: string;
  format: DataFormat;
  /** Layout used, when the header could be read. */
  layout: PanelLayout | null;
  /** Data rows read (records, not counting the header). */
  rows: number;
  /** sha256 of the bytes read from disk. */
  sha256: string;
  /** Every issue, in row order. */
  issues: DataIssue[];
  errors: number;
  warnings: number;
  /** Missing markers (`.`) turned into NaN. */
  missingMarkers: number;
  /** True when there is no error-severity issue. */
  ok: boolean;
  /** The panel as read (invalid cells NaN, duplicates dropped, dates sorted); null after a fatal header problem. */
  panel: Panel | null;
}

/** Read and validate already-loaded content; never throws for problems in the data. */
export function validateContent(
  content: Uint8Array | string,
  opts: LoadOptions & { file?: string; format?: DataFormat; sha256?: string } = {},
): ValidationReport {
  const file = opts.file ?? opts.name ?? '<memory>';
  const bytes = typeof content === 'string' ? undefined : content;
  const format = opts.format ?? (typeof content === 'string' ? 'csv' : formatOf(file, bytes));
  const sha256 = opts.sha256 ?? sha256Hex(typeof content === 'string' ? Buffer.from(content, 'utf8') : content);
  const issues = new IssueCollector(file, opts.maxIssues);
  let panel: Panel | null = null;
  let layout: PanelLayout | null = null;
  let rows = 0;
  let markers = 0;
  try {
    let table;
    if (format === 'csv') {
      const text = typeof content === 'string' ? content : Buffer.from(content.buffer, content.byteOffset, content.byteLength).toString('utf8');
      const delimiter = opts.delimiter ?? (/\.tsv(\.gz)?$/i.test(file) ? '\t' : ',');
      table = csvToRowTable(text, { ...opts, delimiter }, issues);
    } else {
      const bin = typeof content === 'string' ? Buffer.from(content, 'latin1') : content;
      const arrowTable = format === 'parquet' ? parquetToArrowTable(bin, file) : arrowTableFromBytes(bin, file);
      table = arrowToRowTable(arrowTable, opts, issues);
    }
    layout = table.layout;
    rows = table.nRows;
    markers = table.missingMarkers;
    const asset = opts.asset ?? defaultAssetName(file);
    const built = buildPanel(table, { ...opts, asset }, issues);
    panel = new Panel({
      ...built,
      source: { name: opts.name ?? file, sha256, missingMarkers: markers },
    });
  } catch (err) {
    if (!(err instanceof FatalDataIssue)) throw err;
  }
  const sorted = issues.sorted();
  const errors = sorted.filter((i) => i.severity === 'error').length;
  return {
    file,
    format,
    layout,
    rows,
    sha256,
    issues: sorted,
    errors,
    warnings: sorted.length - errors,
    missingMarkers: markers,
    ok: errors === 0,
    panel,
  };
}

/** `prices` from `data/prices.csv.gz`. */
function defaultAssetName(file: string): string {
  const base = file.split(/[\\/]/).pop() ?? file;
  return base.replace(/\.gz$/i, '').replace(/\.[A-Za-z0-9]+$/, '') || 'asset';
}

/**
 * Read and validate a data file (CSV, `.csv.gz`, Arrow IPC, Parquet), collecting every issue
 * instead of stopping at the first. An unreadable file throws an AlphaFactoryError; problems
 * in the data are returned in the report.
 */
export function validateFile(path: string, opts: LoadOptions = {}): ValidationReport {
  const fb = readFileBytes(path);
  return validateContent(fb.content, { ...opts, file: path, sha256: fb.sha256, format: formatOf(path, fb.content) });
}

function panelOrThrow(report: ValidationReport, path: string | null, name: string): Panel {
  if (!report.ok || report.panel === null) throw new DataValidationError(report.issues);
  if (path !== null) recordDataRead({ name, path: resolve(path), sha256: report.sha256, rows: report.rows });
  return report.panel;
}

/**
 * Load a Panel from a file, choosing the reader from the name: `.parquet`/`.pq` Parquet,
 * `.arrow`/`.arrows`/`.feather`/`.ipc` Arrow IPC, anything else CSV; `.gz` is gunzipped.
 * Throws a DataValidationError (message and location of the first error, all issues attached)
 * when the file has any error; warnings (missing markers, sorted dates) do not stop it.
 * The panel's `source` holds the name, the sha256 of the bytes read and the number of missing
 * markers; the read is added to `dataReadLog()`.
 */
export function loadPanel(path: string, opts: LoadOptions = {}): Panel {
  return panelOrThrow(validateFile(path, opts), path, opts.name ?? path);
}

/** Load a CSV file (`.csv` or `.csv.gz`), long, wide or single-asset; see `loadPanel`. */
export function readCsv(path: string, opts: LoadOptions = {}): Panel {
  const fb = readFileBytes(path);
  return panelOrThrow(validateContent(fb.content, { ...opts, file: path, sha256: fb.sha256, format: 'csv' }), path, opts.name ?? path);
}

/** Parse CSV text held in memory; `file` names it in messages. Throws DataValidationError on errors. */
export function parseCsv(text: string, opts: LoadOptions & { file?: string } = {}): Panel {
  const report = validateContent(text, { ...opts, format: 'csv' });
  return panelOrThrow(report, null, opts.name ?? report.file);
}

/** Load an Arrow IPC file (file or stream format); see `loadPanel`. */
export function readArrow(path: string, opts: LoadOptions = {}): Panel {
  const fb = readFileBytes(path);
  return panelOrThrow(validateContent(fb.content, { ...opts, file: path, sha256: fb.sha256, format: 'arrow' }), path, opts.name ?? path);
}

/** Load a Parquet file; see `loadPanel`. */
export function readParquet(path: string, opts: LoadOptions = {}): Panel {
  const fb = readFileBytes(path);
  return panelOrThrow(validateContent(fb.content, { ...opts, file: path, sha256: fb.sha256, format: 'parquet' }), path, opts.name ?? path);
}

/** Panel from Arrow IPC bytes in memory (e.g. a job result). */
export function panelFromArrowBytes(bytes: Uint8Array, opts: LoadOptions & { file?: string } = {}): Panel {
  const report = validateContent(bytes, { ...opts, format: 'arrow' });
  return panelOrThrow(report, null, opts.name ?? report.file);
}

/**
 * Write a panel as an Arrow IPC file (`.arrows`: stream format) and return the bytes; with no
 * path, only return them. Layouts as `panelToArrowTable` (default long).
 */
export function writeArrow(panel: Panel, path?: string, opts: ArrowWriteOptions = {}): Uint8Array {
  const bytes = panelToArrowBytes(panel, { ...opts, format: path?.endsWith('.arrows') ? 'stream' : 'file' });
  if (path !== undefined) writeFileSync(path, bytes);
  return bytes;
}

/** Write a panel as a Parquet file (Snappy) and return the bytes; with no path, only return them. */
export function writeParquet(panel: Panel, path?: string, opts: ArrowWriteOptions = {}): Uint8Array {
  const bytes = panelToParquetBytes(panel, opts);
  if (path !== undefined) writeFileSync(path, bytes);
  return bytes;
}

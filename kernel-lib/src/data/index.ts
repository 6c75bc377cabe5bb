/**
 * The data layer: Panels, loaders (CSV, gzip, Arrow IPC, Parquet), validation, statistics,
 * the synthetic market and the bundled datasets.
 */
export { Panel } from './panel';
export type { PanelInit, PanelSource } from './panel';
export { DataValidationError, formatIssue } from './issues';
export type { DataIssue, IssueCode, IssueSeverity } from './issues';
export type { LoadOptions, PanelLayout } from './options';
export { parseDateSpan, businessDays, dayNumber, isoFromDayNumber } from './dates';
export { scanCsv, parseCsvRows } from './csv';
export { panelToArrowTable, panelToArrowBytes } from './arrow';
export type { ArrowWriteOptions } from './arrow';
export {
  loadPanel,
  readCsv,
  parseCsv,
  readArrow,
  readParquet,
  panelFromArrowBytes,
  writeArrow,
  writeParquet,
  validateFile,
  validateContent,
} from './load';
export type { ValidationReport } from './load';
export { dataReadLog, clearDataReadLog, recordDataRead } from './readlog';
export type { DataReadEntry } from './readlog';
export { describe, seriesStats, quantileSorted, PanelDescription } from './describe';
export type { SeriesStats } from './describe';
export { datasets, dataDir } from './datasets';
export type { DatasetInfo } from './datasets';
export { syntheticMarket, simulateMarket } from './synthetic';
export type { SyntheticMarket, SyntheticMarketOptions } from './synthetic';
export { panelToCsv, writeCsv } from './csvWrite';
export type { CsvWriteOptions } from './csvWrite';

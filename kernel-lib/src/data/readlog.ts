/**
 * A process-wide log of every data file the loaders read, for the experiment manifest: an
 * executed notebook records the content hash of each file its results came from.
 */
export interface DataReadEntry {
  /** Dataset name, or the file path when loaded by path. */
  name: string;
  /** Absolute path of the file read. */
  path: string;
  /** sha256 (hex) of the bytes read from disk (the compressed bytes for `.gz`). */
  sha256: string;
  /** Number of data rows read. */
  rows: number;
}

const LOG: DataReadEntry[] = [];

/** Record one read; a repeat read of the same (path, sha256) under the same name is logged once. */
export function recordDataRead(entry: DataReadEntry): void {
  if (LOG.some((e) => e.path === entry.path && e.sha256 === entry.sha256 && e.name === entry.name)) return;
  LOG.push({ ...entry });
}

/** Every file read so far in this process, in order (copies). */
export function dataReadLog(): DataReadEntry[] {
  return LOG.map((e) => ({ ...e }));
}

/** Forget the log (tests, or a notebook that starts a new experiment). */
export function clearDataReadLog(): void {
  LOG.length = 0;
}

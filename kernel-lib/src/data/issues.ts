import { AlphaFactoryError, formatLocation } from '../errors';

/** How bad an issue is: errors stop a load; warnings are reported and the load goes on. */
export type IssueSeverity = 'error' | 'warning';

/**
 * Machine-readable issue codes found while reading a data file.
 *
 * - `missing_column`: a required column is absent from the header (row 1), or a data row has
 *   fewer cells than the header (the row and the first absent column are named).
 * - `extra_cells`: a data row has more cells than the header.
 * - `duplicate_column`: two header cells have the same name.
 * - `bad_date`: a date that is not `YYYY-MM-DD`, `YYYY/MM/DD` or a datetime starting with one.
 * - `duplicate_row`: a second row for the same (date, asset) (wide files: the same date); the first is kept.
 * - `unsorted_dates`: dates go backwards (per asset in long files); sorted with a warning, an error when strict.
 * - `bad_number`: a value cell that is not a number.
 * - `non_finite`: `inf`, `-inf` or a number outside the double range.
 * - `non_positive_price`: a price field (open, high, low, close, adj_close, price, ...) <= 0.
 * - `missing_marker`: a FRED-style `.` missing marker, turned into NaN (a warning), an error when strict.
 * - `empty_ticker`: a long-format row with an empty ticker.
 * - `bad_type`: an Arrow/Parquet column whose type cannot hold dates, tickers or numbers.
 * - `empty_file`: no header or no data rows.
 * - `too_many_issues`: collection stopped after `maxIssues`.
 */
export type IssueCode =
  | 'missing_column'
  | 'extra_cells'
  | 'duplicate_column'
  | 'bad_date'
  | 'duplicate_row'
  | 'unsorted_dates'
  | 'bad_number'
  | 'non_finite'
  | 'non_positive_price'
  | 'missing_marker'
  | 'empty_ticker'
  | 'bad_type'
  | 'empty_file'
  | 'too_many_issues';

/** One problem in a data file. `row` is 1-based as a spreadsheet counts it (header = row 1). */
export interface DataIssue {
  file: string;
  row: number;
  column: string;
  code: IssueCode;
  severity: IssueSeverity;
  message: string;
}

/** One line such as `prices.csv: row 12, column "close": duplicate_row: ...`. */
export function formatIssue(issue: DataIssue): string {
  return `${formatLocation({ file: issue.file, row: issue.row, column: issue.column })}${issue.severity}: ${issue.message}`;
}

/**
 * Raised by the loaders when a file has at least one error-severity issue. The message and
 * location are those of the first error (in row order); `issues` holds every issue found.
 */
export class DataValidationError extends AlphaFactoryError {
  readonly issues: readonly DataIssue[];

  constructor(issues: readonly DataIssue[]) {
    const first = issues.find((i) => i.severity === 'error') ?? issues[0];
    const more = issues.filter((i) => i.severity === 'error').length - 1;
    const suffix = more > 0 ? ` (and ${more} more error${more === 1 ? '' : 's'})` : '';
    super(first ? first.code : 'data_validation', (first ? first.message : 'invalid data') + suffix, {
      file: first?.file,
      row: first?.row,
      column: first?.column,
    });
    this.name = 'DataValidationError';
    this.issues = issues;
  }
}

/** Thrown internally when a file cannot be read any further (no date column, empty file). */
export class FatalDataIssue extends Error {
  constructor(readonly issue: DataIssue) {
    super(issue.message);
  }
}

/** Collects issues for one file, up to `maxIssues`. */
export class IssueCollector {
  readonly issues: DataIssue[] = [];
  private stopped = false;

  constructor(
    readonly file: string,
    readonly maxIssues = 10000,
  ) {}

  add(row: number, column: string, code: IssueCode, message: string, severity: IssueSeverity = 'error'): void {
    if (this.stopped) return;
    if (this.issues.length >= this.maxIssues) {
      this.stopped = true;
      this.issues.push({
        file: this.file,
        row,
        column,
        code: 'too_many_issues',
        severity: 'error',
        message: `stopped after ${this.maxIssues} issues`,
      });
      return;
    }
    this.issues.push({ file: this.file, row, column, code, severity, message });
  }

  /** Record an issue and stop reading the file. */
  fatal(row: number, column: string, code: IssueCode, message: string): never {
    const issue: DataIssue = { file: this.file, row, column, code, severity: 'error', message };
    this.issues.push(issue);
    throw new FatalDataIssue(issue);
  }

  get errorCount(): number {
    let n = 0;
    for (const i of this.issues) if (i.severity === 'error') n++;
    return n;
  }

  /** Issues in row order (stable, so issues of one row keep their column order). */
  sorted(): DataIssue[] {
    return this.issues
      .map((issue, k) => ({ issue, k }))
      .sort((a, b) => a.issue.row - b.issue.row || a.k - b.k)
      .map((x) => x.issue);
  }
}

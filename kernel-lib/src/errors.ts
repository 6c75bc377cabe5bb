/**
 * Typed errors for everything a user can get wrong.
 *
 * Every error carries a machine-readable `code` and a location (file, row, column, or a
 * position inside a formula) so that the CLI can print one line and the notebook can show
 * where the problem is. Nothing in the engine returns NaN silently instead of raising one
 * of these.
 */

/** Where a problem was found. Rows are 1-based data rows as a spreadsheet shows them (header = row 1). */
export interface ErrorLocation {
  file?: string;
  row?: number;
  column?: string;
  /** 0-based character offset inside `formula`. */
  position?: number;
  formula?: string;
}

export class AlphaFactoryError extends Error {
  readonly code: string;
  readonly location: ErrorLocation;

  constructor(code: string, message: string, location: ErrorLocation = {}) {
    super(message);
    this.name = 'AlphaFactoryError';
    this.code = code;
    this.location = location;
  }

  /** A single line for humans: `file:row: column "c": message`. */
  toLine(): string {
    return formatLocation(this.location) + this.message;
  }
}

/** Prefix such as `prices.csv: row 12, column "close": ` (empty when nothing is known). */
export function formatLocation(loc: ErrorLocation): string {
  const parts: string[] = [];
  if (loc.file) parts.push(loc.file);
  const where: string[] = [];
  if (loc.row !== undefined) where.push(`row ${loc.row}`);
  if (loc.column !== undefined) where.push(`column "${loc.column}"`);
  if (loc.position !== undefined) where.push(`position ${loc.position}`);
  const head = [parts.join(''), where.join(', ')].filter((s) => s.length > 0).join(': ');
  return head.length > 0 ? `${head}: ` : '';
}

/** Raised when an argument is outside its documented domain (window < 1, negative variance, ...). */
export class InvalidArgumentError extends AlphaFactoryError {
  constructor(message: string, location: ErrorLocation = {}) {
    super('invalid_argument', message, location);
    this.name = 'InvalidArgumentError';
  }
}

/** Turn anything thrown into one line without a stack trace. */
export function errorLine(err: unknown): string {
  if (err instanceof AlphaFactoryError) return err.toLine();
  if (err instanceof Error) return err.message;
  return String(err);
}

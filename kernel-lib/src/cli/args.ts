import { AlphaFactoryError } from '../errors';

/** A usage error of one command group: `<message> (see alpha-factory <group> --help)`. */
export function usageError(group: string, message: string): AlphaFactoryError {
  return new AlphaFactoryError('usage', `${message} (see alpha-factory ${group} --help)`);
}

/**
 * Runs an argument parser (e.g. `util.parseArgs`) and turns what it throws (unknown option,
 * missing value) into the group's one-line usage error.
 */
export function withUsageErrors<R>(group: string, parse: () => R): R {
  try {
    return parse();
  } catch (err) {
    throw usageError(group, (err as Error).message);
  }
}

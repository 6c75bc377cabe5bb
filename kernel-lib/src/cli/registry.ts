import type { CliCommand } from './command';

/**
 * Every command group of the CLI. Add a group by writing `cli/commands/<name>.ts` that
 * exports a `CliCommand` and listing it here.
 */
export const COMMANDS: CliCommand[] = [];

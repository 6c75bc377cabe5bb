/**
 * The shape of one `alpha-factory <group>` command. Each group lives in its own file under
 * `cli/commands/` and is listed once in `cli/registry.ts`.
 */
export interface CliIO {
  out(text: string): void;
  err(text: string): void;
  cwd: string;
}

export interface CliCommand {
  /** First word after `alpha-factory`, e.g. `data`. */
  name: string;
  /** One line for `--help`. */
  summary: string;
  /** Full usage text printed by `alpha-factory <name> --help`. */
  usage: string;
  /** Runs with the arguments after the group name; returns the exit code. Throw AlphaFactoryError for user errors. */
  run(argv: string[], io: CliIO): Promise<number>;
}

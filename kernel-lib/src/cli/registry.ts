import type { CliCommand } from './command';
import { reportCommand } from './commands/report';
import { dataCommand } from './commands/data';
import { factorCommand } from './commands/factor';
import { portfolioCommand } from './commands/portfolio';
import { jobsCommand } from './commands/jobs';
import { metricsCommand } from './commands/metrics';
import { regimeCommand } from './commands/regime';
import { garchCommand } from './commands/garch';

/**
 * Every command group of the CLI. Add a group by writing `cli/commands/<name>.ts` that
 * exports a `CliCommand` and listing it here (one import line, one entry).
 */
export const COMMANDS: CliCommand[] = [
  reportCommand,
  dataCommand,
  factorCommand,
  portfolioCommand,
  jobsCommand,
  metricsCommand,
  regimeCommand,
  garchCommand,
];

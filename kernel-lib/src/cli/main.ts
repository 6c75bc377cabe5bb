import { errorLine } from '../errors';
import { packageVersion } from '../package-root';
import type { CliIO } from './command';
import { COMMANDS } from './registry';

const VERSION: string = packageVersion();

function topHelp(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length), 8);
  const lines = [
    `alpha-factory ${VERSION}: the Alpha Factory Lab command line`,
    '',
    'Usage: alpha-factory <command> [options]',
    '',
    'Commands:',
    ...COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'Run `alpha-factory <command> --help` for the options of one command.',
  ];
  return lines.join('\n') + '\n';
}

const defaultIO: CliIO = {
  out: (t) => process.stdout.write(t),
  err: (t) => process.stderr.write(t),
  cwd: process.cwd(),
};

/**
 * Entry point of the `alpha-factory` binary. Returns the exit code; user errors are printed
 * as one line (`alpha-factory: file: row 3, column "close": ...`), never as a stack trace.
 */
export async function main(argv: string[], io: CliIO = defaultIO): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.out(topHelp());
    return name === undefined ? 1 : 0;
  }
  if (name === '--version' || name === '-v') {
    io.out(`${VERSION}\n`);
    return 0;
  }
  const cmd = COMMANDS.find((c) => c.name === name);
  if (!cmd) {
    io.err(`alpha-factory: unknown command "${name}" (run alpha-factory --help)\n`);
    return 2;
  }
  if (rest[0] === '--help' || rest[0] === '-h') {
    io.out(cmd.usage.endsWith('\n') ? cmd.usage : cmd.usage + '\n');
    return 0;
  }
  try {
    return await cmd.run(rest, io);
  } catch (err) {
    if (process.env.ALPHA_FACTORY_DEBUG && err instanceof Error && err.stack) io.err(err.stack + '\n');
    io.err(`alpha-factory ${name}: ${errorLine(err)}\n`);
    return 1;
  }
}

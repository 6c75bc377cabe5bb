import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { parseArgs } from 'util';
import { AlphaFactoryError } from '../../errors';
import { packageRoot } from '../../package-root';
import type { CliCommand } from '../command';

const USAGE = `Usage: alpha-factory report <notebook.ipynb> --html <out.html> [--executed <out.ipynb>] [--timeout S]

Executes the notebook with the tslab kernel (nbclient) and exports it with nbconvert to a
static HTML report that keeps its charts (SVG) and carries the experiment manifest (seeds,
data hashes, versions, time), also written into the notebook metadata.

The Python used is $ALPHA_FACTORY_PYTHON, else the nearest .venv/bin/python above the
notebook or the current directory, else python3.
`;

/** The Python interpreter that has nbclient/nbconvert and the tslab kernelspec. */
export function findPython(startDirs: string[]): string {
  const env = process.env.ALPHA_FACTORY_PYTHON;
  if (env) return env;
  for (const start of startDirs) {
    let dir = path.resolve(start);
    for (;;) {
      const candidate = path.join(dir, '.venv', 'bin', 'python');
      if (fs.existsSync(candidate)) return candidate;
      const parent = path.dirname(dir);
      if (parent === dir) break;
      dir = parent;
    }
  }
  return 'python3';
}

export const reportCommand: CliCommand = {
  name: 'report',
  summary: 'execute a notebook (tslab) and export an HTML report with its manifest',
  usage: USAGE,
  async run(argv, io) {
    const { values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        html: { type: 'string' },
        executed: { type: 'string' },
        timeout: { type: 'string' },
      },
    });
    if (positionals.length !== 1) throw new AlphaFactoryError('usage', 'expected exactly one notebook path (see --help)');
    if (!values.html) throw new AlphaFactoryError('usage', '--html <out.html> is required');
    const notebook = path.resolve(io.cwd, positionals[0]);
    if (!fs.existsSync(notebook)) throw new AlphaFactoryError('not_found', `no such notebook`, { file: positionals[0] });
    const python = findPython([path.dirname(notebook), io.cwd]);
    const script = path.join(packageRoot(), 'scripts', 'report.py');
    const args = [script, notebook, '--html', path.resolve(io.cwd, values.html)];
    if (values.executed) args.push('--executed', path.resolve(io.cwd, values.executed));
    if (values.timeout) args.push('--timeout', values.timeout);
    const r = spawnSync(python, args, { encoding: 'utf8', cwd: io.cwd, maxBuffer: 64 * 1024 * 1024 });
    if (r.error) throw new AlphaFactoryError('python', `could not run ${python}: ${r.error.message}`);
    if (r.stdout) io.out(r.stdout);
    if (r.stderr) io.err(r.stderr);
    return r.status ?? 1;
  },
};

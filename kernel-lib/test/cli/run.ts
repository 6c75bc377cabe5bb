import { main } from '../../src/cli/main';

/** Runs the CLI in-process with captured output: what a test of any command group needs. */
export async function runCli(args: string[], cwd: string = process.cwd()): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(args, { out: (t) => (out += t), err: (t) => (err += t), cwd });
  return { code, out, err };
}

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { main } from '../../src/cli/main';
import type { CliIO } from '../../src/cli/command';

function capture(): CliIO & { stdout: string; stderr: string } {
  const io = {
    stdout: '',
    stderr: '',
    cwd: process.cwd(),
    out(t: string) {
      io.stdout += t;
    },
    err(t: string) {
      io.stderr += t;
    },
  };
  return io;
}

test('--help lists every command group and exits 0', async () => {
  const io = capture();
  assert.equal(await main(['--help'], io), 0);
  assert.match(io.stdout, /Usage: alpha-factory <command>/);
  assert.match(io.stdout, /\n {2}report +execute a notebook/);
});

test('an unknown command is one line on stderr with exit code 2', async () => {
  const io = capture();
  assert.equal(await main(['frobnicate'], io), 2);
  assert.equal(io.stderr, 'alpha-factory: unknown command "frobnicate" (run alpha-factory --help)\n');
});

test('user errors print one line, no stack trace, exit 1', async () => {
  const io = capture();
  assert.equal(await main(['report', 'no-such-notebook.ipynb', '--html', 'x.html'], io), 1);
  assert.equal(io.stderr, 'alpha-factory report: no-such-notebook.ipynb: no such notebook\n');
  assert.doesNotMatch(io.stderr, /\n\s+at /);
});

/**
 * `alpha-factory factor mine` stopped with Ctrl-C: the real binary (kernel-lib/bin over the
 * lib/ build) is spawned, SIGINT is sent once its first progress line is on stderr, and it must
 * exit 130, say it was cancelled at generation G, and save the zoo so far to --zoo-out: the
 * zoo an uninterrupted run of G generations with the same seed builds.
 */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { mineFormulas } from '../../src/alpha/miner';
import { loadZoo } from '../../src/alpha/zoo';
import { canonicalFormula } from '../../src/alpha/dsl';
import { loadPanel } from '../../src/data/load';
import { fixturePath } from './helpers';

const BIN = path.join(__dirname, '..', '..', '..', 'bin', 'alpha-factory.js');
const LIB_MAIN = path.join(__dirname, '..', '..', '..', 'lib', 'cli', 'main.js');

test('factor mine: SIGINT stops the run, saves the zoo so far, says where it stopped, exits 130', { timeout: 120_000 }, async () => {
  assert.ok(fs.existsSync(LIB_MAIN), 'build kernel-lib first: npm run build -w @alpha-factory/kernel');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mine-sigint-'));
  const zooDir = path.join(dir, 'zoo');
  const panelFile = fixturePath('cli_panel.csv');
  try {
    const child = spawn(process.execPath, [BIN, 'factor', 'mine', panelFile, '--seed', '3', '--population', '16', '--generations', '100000', '--metric', 'ICIR', '--zoo-out', zooDir, '--json'], {
      cwd: dir,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    let signalled = false;
    child.stdout.on('data', (b: Buffer) => (stdout += b.toString()));
    child.stderr.on('data', (b: Buffer) => {
      stderr += b.toString();
      if (!signalled && /generation 1\/100000: .*best \|ICIR\| \d/.test(stderr)) {
        signalled = true;
        child.kill('SIGINT');
      }
    });
    const exit = await new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('close', (code, signal) => resolve({ code, signal })));
    assert.ok(signalled, `no progress line came: ${stderr}`);
    assert.deepEqual(exit, { code: 130, signal: null }, stderr);
    const m = /mining cancelled at generation (\d+)\/100000: zoo of (\d+) so far, saved to /.exec(stderr);
    assert.ok(m, stderr);
    const reached = Number(m[1]);
    assert.ok(reached >= 1 && reached < 100000);
    assert.doesNotMatch(stderr, /\n\s+at /, 'no stack trace');
    // the saved zoo, the printed zoo and an uninterrupted run of `reached` generations agree
    const saved = loadZoo(zooDir, (f) => canonicalFormula(f));
    const printed = (JSON.parse(stdout) as { formula: string }[]).map((e) => e.formula);
    assert.equal(saved.size, Number(m[2]));
    assert.deepEqual(saved.list().map((e) => e.formula), printed);
    const panel = loadPanel(panelFile, { name: panelFile });
    const full = mineFormulas(panel, { seed: 3, population: 16, generations: reached, metric: 'ICIR' });
    assert.deepEqual(printed, full.zoo.list().map((e) => e.formula));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

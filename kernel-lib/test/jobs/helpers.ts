import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Panel } from '../../src/data/panel';
import { workerPython } from '../../src/jobs/python';

export interface ArchFit {
  series: number;
  vol: string;
  dist: string;
  nobs: number;
  loglik: number;
  aic: number;
  bic: number;
  mu: number;
  omega: number;
  alpha: number;
  gamma: number | null;
  beta: number;
  nu: number | null;
  /** arch's fitted conditional volatility on the full date grid (GARCH-normal rows only). */
  conditional_volatility?: Array<number | null>;
}

export interface ArchFixture {
  T: number;
  names: string[];
  returns: Array<Array<number | null>>;
  fits: ArchFit[];
}

/** arch 8 fits written by scripts/fixtures/jobs.py. */
export function archFixture(): ArchFixture {
  const file = path.join(__dirname, '..', '..', '..', 'test', 'fixtures', 'jobs', 'garch-arch.json');
  return JSON.parse(fs.readFileSync(file, 'utf8')) as ArchFixture;
}

/** The fixture's series as a Panel (field `ret`), dates 2020-01-01 + t days. */
export function fixturePanel(names?: string[]): Panel {
  const fx = archFixture();
  const pick = names ?? fx.names;
  const dates: string[] = [];
  for (let t = 0; t < fx.T; t++) dates.push(new Date(Date.UTC(2020, 0, 1) + t * 86400000).toISOString().slice(0, 10));
  const values = new Float64Array(fx.T * pick.length);
  pick.forEach((n, i) => {
    const col = fx.returns[fx.names.indexOf(n)];
    for (let t = 0; t < fx.T; t++) values[t * pick.length + i] = col[t] === null ? NaN : (col[t] as number);
  });
  return new Panel({ dates, assets: pick, fields: { ret: values } });
}

const cache = new Map<string, boolean>();
/** Whether the worker's Python can import every module named. */
export function pythonHas(...modules: string[]): boolean {
  const key = modules.join(',');
  if (!cache.has(key)) {
    const r = spawnSync(workerPython(), ['-c', modules.map((m) => `import ${m}`).join('; ')], { timeout: 60000 });
    cache.set(key, r.status === 0);
  }
  return cache.get(key)!;
}

export function tempStore(prefix = 'af-jobs-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

export async function waitFor(cond: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

type EngineFit = { loglik: number; params: Record<string, number> };
/** The TypeScript GARCH engine's fit when kernel-lib/src/vol is present (loaded at run time), else undefined. */
export function tsEngineFit(y: Float64Array, vol: string, dist: string): EngineFit | undefined {
  let mod: { fitGarch?: (y: ArrayLike<number>, spec: object, opts: object) => EngineFit };
  try {
    mod = require(path.join(__dirname, '..', '..', 'src', 'vol'));
  } catch {
    return undefined;
  }
  if (typeof mod.fitGarch !== 'function') return undefined;
  // our EGARCH is arch's EGARCH(1,1,1) (with the asymmetric gamma term); GJR has o = 1 by default there
  const spec = vol === 'EGARCH' ? { vol: 'egarch', o: 1, dist } : { vol: vol.toLowerCase(), dist };
  return mod.fitGarch(y, spec, { rescale: false });
}

import * as fs from 'node:fs';
import * as path from 'node:path';
import * as assert from 'node:assert/strict';
import { Panel } from '../../src/data/panel';

export interface OperatorFixture {
  dates: string[];
  assets: string[];
  fields: Record<string, (number | null)[]>;
  cases: { formula: string; values: (number | null)[] }[];
}

/** Reads a committed fixture from kernel-lib/test/fixtures/alpha-dsl/ (written by scripts/fixtures/alpha_dsl.py). */
export function readFixture<T>(name: string): T {
  const p = path.resolve(__dirname, '../../../test/fixtures/alpha-dsl', name);
  return JSON.parse(fs.readFileSync(p, 'utf8')) as T;
}

const toArray = (v: (number | null)[]): Float64Array => Float64Array.from(v, (x) => (x === null ? NaN : x));

/** The fixture panel (dates x assets x open/high/low/close/volume/industry). */
export function fixturePanel(fx: OperatorFixture): Panel {
  const fields: Record<string, Float64Array> = {};
  for (const [k, v] of Object.entries(fx.fields)) fields[k] = toArray(v);
  return new Panel({ dates: fx.dates, assets: fx.assets, fields });
}

/**
 * Same missing cells, and |ours - theirs| <= tol * max(1, |theirs|) elsewhere. Reports the first
 * mismatching cell as (date row, asset column).
 */
export function assertClosePanel(ours: Float64Array, theirs: (number | null)[], nAssets: number, label: string, tol = 1e-9): void {
  assert.equal(ours.length, theirs.length, `${label}: length`);
  for (let c = 0; c < ours.length; c++) {
    const e = theirs[c];
    const a = ours[c];
    const where = `${label}: row ${Math.floor(c / nAssets)}, asset ${c % nAssets}`;
    if (e === null) {
      assert.ok(Number.isNaN(a), `${where}: expected missing, got ${a}`);
    } else {
      assert.ok(Math.abs(a - e) <= tol * Math.max(1, Math.abs(e)), `${where}: expected ${e}, got ${a}`);
    }
  }
}

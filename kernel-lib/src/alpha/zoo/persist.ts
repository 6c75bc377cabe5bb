/**
 * Saving a factor zoo in an experiment folder:
 * - `zoo.json`: dates, entries (formula, status, metrics, provenance, tags, history);
 *   NaN metrics are written as null;
 * - `zoo-series.arrow`: Arrow IPC file, long layout with columns id (utf8), date (utf8),
 *   ic, rank_ic, factor_return (float64; null = NaN), one row per member and date.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type * as ArrowNS from 'apache-arrow';
import { arrowLib } from '../../data/arrow';
import { AlphaFactoryError } from '../../errors';
import { FactorZoo } from './zoo';
import type { ZooEntry, ZooSeries } from './types';
import { defaultCanonical } from './canonical';

export const ZOO_JSON = 'zoo.json';
export const ZOO_SERIES = 'zoo-series.arrow';

interface ZooFile {
  format: 'alpha-factory-zoo';
  version: 1;
  dates: string[];
  entries: ZooEntry[];
}

function numbersToJson(e: ZooEntry): ZooEntry {
  const metrics: Record<string, number | null> = {};
  for (const [k, v] of Object.entries(e.metrics)) metrics[k] = Number.isFinite(v) ? (v as number) : null;
  return { ...e, metrics: metrics as unknown as ZooEntry['metrics'] };
}

function numbersFromJson(e: ZooEntry): ZooEntry {
  const metrics: Record<string, number> = {};
  for (const [k, v] of Object.entries(e.metrics)) metrics[k] = v === null ? NaN : (v as number);
  return { ...e, metrics: metrics as unknown as ZooEntry['metrics'] };
}

/** Write `zoo.json` and `zoo-series.arrow` into `dir` (created if needed). */
export function saveZoo(zoo: FactorZoo, dir: string): { json: string; arrow: string } {
  fs.mkdirSync(dir, { recursive: true });
  const file: ZooFile = { format: 'alpha-factory-zoo', version: 1, dates: zoo.dates.slice(), entries: zoo.list().map(numbersToJson) };
  const jsonPath = path.join(dir, ZOO_JSON);
  fs.writeFileSync(jsonPath, JSON.stringify(file, null, 1));
  const A = arrowLib();
  const ids: string[] = [];
  const dates: string[] = [];
  const ic: (number | null)[] = [];
  const ric: (number | null)[] = [];
  const fr: (number | null)[] = [];
  const nn = (v: number) => (Number.isFinite(v) ? v : null);
  for (const e of zoo.list()) {
    const s = zoo.series(e.id);
    if (!s) continue;
    zoo.dates.forEach((d, t) => {
      ids.push(e.id);
      dates.push(d);
      ic.push(nn(s.ic[t]));
      ric.push(nn(s.rankIC[t]));
      fr.push(nn(s.factorReturn[t]));
    });
  }
  const table = new A.Table({
    id: A.vectorFromArray(ids, new A.Utf8()),
    date: A.vectorFromArray(dates, new A.Utf8()),
    ic: A.vectorFromArray(ic, new A.Float64()),
    rank_ic: A.vectorFromArray(ric, new A.Float64()),
    factor_return: A.vectorFromArray(fr, new A.Float64()),
  });
  const arrowPath = path.join(dir, ZOO_SERIES);
  fs.writeFileSync(arrowPath, A.tableToIPC(table, 'file'));
  return { json: jsonPath, arrow: arrowPath };
}

function column(table: ArrowNS.Table, name: string, file: string): ArrowNS.Vector {
  const c = table.getChild(name);
  if (!c) throw new AlphaFactoryError('bad_zoo', `zoo series file has no column "${name}"`, { file, column: name });
  return c;
}

/** Read a zoo saved by `saveZoo`. Pass the canonicaliser the zoo was built with. */
export function loadZoo(dir: string, canonicalize: (formula: string) => string = defaultCanonical): FactorZoo {
  const jsonPath = path.join(dir, ZOO_JSON);
  if (!fs.existsSync(jsonPath)) throw new AlphaFactoryError('not_found', `no ${ZOO_JSON} in ${dir}`, { file: jsonPath });
  let file: ZooFile;
  try {
    file = JSON.parse(fs.readFileSync(jsonPath, 'utf8')) as ZooFile;
  } catch (err) {
    throw new AlphaFactoryError('bad_zoo', `not valid JSON: ${(err as Error).message}`, { file: jsonPath });
  }
  if (file.format !== 'alpha-factory-zoo' || file.version !== 1) {
    throw new AlphaFactoryError('bad_zoo', `not an alpha-factory zoo v1 file`, { file: jsonPath });
  }
  const zoo = new FactorZoo(file.dates, canonicalize);
  const series = new Map<string, ZooSeries>();
  const arrowPath = path.join(dir, ZOO_SERIES);
  if (fs.existsSync(arrowPath)) {
    const A = arrowLib();
    let table: ArrowNS.Table;
    try {
      table = A.tableFromIPC(fs.readFileSync(arrowPath));
    } catch (err) {
      throw new AlphaFactoryError('bad_zoo', `not a readable Arrow IPC file: ${(err as Error).message}`, { file: arrowPath });
    }
    const ids = column(table, 'id', arrowPath);
    const dates = column(table, 'date', arrowPath);
    const cols = ['ic', 'rank_ic', 'factor_return'].map((n) => column(table, n, arrowPath));
    const dateIndex = new Map(file.dates.map((d, t) => [d, t]));
    const T = file.dates.length;
    for (let r = 0; r < table.numRows; r++) {
      const id = ids.get(r) as string;
      const t = dateIndex.get(dates.get(r) as string);
      if (t === undefined) throw new AlphaFactoryError('bad_zoo', `row ${r + 1}: date ${dates.get(r)} is not a zoo date`, { file: arrowPath, row: r + 1 });
      let s = series.get(id);
      if (!s) {
        s = { ic: new Float64Array(T).fill(NaN), rankIC: new Float64Array(T).fill(NaN), factorReturn: new Float64Array(T).fill(NaN) };
        series.set(id, s);
      }
      const v = cols.map((c) => c.get(r) as number | null);
      s.ic[t] = v[0] ?? NaN;
      s.rankIC[t] = v[1] ?? NaN;
      s.factorReturn[t] = v[2] ?? NaN;
    }
  }
  for (const e of file.entries) zoo.restore(numbersFromJson(e), series.get(e.id));
  return zoo;
}

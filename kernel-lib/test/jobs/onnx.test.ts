import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Panel } from '../../src/data/panel';
import { loadForecaster, onnxRuntimeAvailable } from '../../src/jobs/onnx';

/* PyTorch's outputs from scripts/fixtures/jobs_onnx.py (the worker's own model classes and exporter). */
const DIR = path.join(__dirname, '..', '..', '..', 'test', 'fixtures', 'jobs');
const FX = JSON.parse(fs.readFileSync(path.join(DIR, 'forecaster-onnx.json'), 'utf8')) as {
  lookback: number;
  horizon: number;
  dates: string[];
  assets: string[];
  values: Array<Array<number | null>>;
  models: Record<string, { file: string; forecast: Array<Array<Array<number | null>>> }>;
};
const SKIP = onnxRuntimeAvailable() ? false : 'onnxruntime-node is not installed (npm install onnxruntime-node): ONNX inference untested here';

for (const arch of Object.keys(FX.models)) {
  test(`ONNX ${arch} forecaster on a Panel equals PyTorch to 1e-5`, { skip: SKIP }, async () => {
    const m = FX.models[arch];
    const f = await loadForecaster(path.join(DIR, m.file), { lookback: FX.lookback, horizon: FX.horizon });
    const n = FX.assets.length;
    const values = new Float64Array(FX.dates.length * n);
    FX.values.forEach((row, t) => row.forEach((v, i) => (values[t * n + i] = v === null ? NaN : v)));
    const out = await f.predictPanel(new Panel({ dates: FX.dates, assets: FX.assets, fields: { ret: values } }), 'ret');
    assert.deepEqual(out.fields, ['forecast_h1', 'forecast_h2']);
    for (let t = 0; t < FX.dates.length; t++) {
      for (let i = 0; i < n; i++) {
        for (let k = 0; k < FX.horizon; k++) {
          const want = m.forecast[t][i][k];
          const got = out.value(`forecast_h${k + 1}`, t, i);
          if (want === null) assert.ok(Number.isNaN(got), `t=${t} i=${i}: expected no forecast`);
          else assert.ok(Math.abs(got - want) <= 1e-5 * Math.max(1, Math.abs(want)), `t=${t} i=${i} h=${k + 1}: ${got} vs PyTorch ${want}`);
        }
      }
    }
  });
}

test('without onnxruntime-node, loading says what to install', { skip: onnxRuntimeAvailable() ? 'onnxruntime-node is installed' : false }, async () => {
  await assert.rejects(loadForecaster(path.join(DIR, 'forecaster-gru.onnx'), { lookback: 8, horizon: 2 }), /ONNX inference needs the onnxruntime-node package/);
});

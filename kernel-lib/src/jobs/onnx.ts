import * as fs from 'node:fs';
import * as path from 'node:path';
import { AlphaFactoryError, InvalidArgumentError } from '../errors';
import { Panel } from '../data/panel';

/* onnxruntime-node is loaded at run time, so kernel-lib builds and runs without it (it is an optional dependency). */
interface OrtTensor {
  data: Float32Array;
  dims: readonly number[];
}
interface OrtSession {
  inputNames: readonly string[];
  outputNames: readonly string[];
  run(feeds: Record<string, unknown>): Promise<Record<string, OrtTensor>>;
}
interface OrtModule {
  InferenceSession: { create(file: string): Promise<OrtSession> };
  Tensor: new (type: 'float32', data: Float32Array, dims: number[]) => unknown;
}

function ort(): OrtModule {
  try {
    return require('onnxruntime-node') as OrtModule;
  } catch {
    throw new AlphaFactoryError('onnx_runtime_missing', 'ONNX inference needs the onnxruntime-node package (npm install onnxruntime-node)');
  }
}

/** True when onnxruntime-node can be loaded. */
export function onnxRuntimeAvailable(): boolean {
  try {
    ort();
    return true;
  } catch {
    return false;
  }
}

export interface ForecasterOptions {
  /** Window length; default from `forecaster.json` beside the model (what forecaster-train writes). */
  lookback?: number;
  /** Values predicted per window; default from `forecaster.json`. */
  horizon?: number;
}

/**
 * A forecaster exported by the `forecaster-train` job (`best.onnx`): input `x` float32 (batch, lookback)
 * of raw values, output `y` (batch, horizon), run on the CPU by onnxruntime-node.
 */
export class OnnxForecaster {
  private constructor(private readonly session: OrtSession, readonly lookback: number, readonly horizon: number, readonly file: string) {}

  static async load(file: string, opts: ForecasterOptions = {}): Promise<OnnxForecaster> {
    if (!fs.existsSync(file)) throw new AlphaFactoryError('file_missing', `no ONNX model at ${file}`, { file });
    let { lookback, horizon } = opts;
    const meta = path.join(path.dirname(file), 'forecaster.json');
    if ((lookback === undefined || horizon === undefined) && fs.existsSync(meta)) {
      const m = JSON.parse(fs.readFileSync(meta, 'utf8')) as { lookback: number; horizon: number };
      lookback ??= m.lookback;
      horizon ??= m.horizon;
    }
    if (!lookback || !horizon) throw new InvalidArgumentError(`give lookback and horizon for ${file} (no forecaster.json beside it)`, { file });
    const session = await ort().InferenceSession.create(file);
    return new OnnxForecaster(session, lookback, horizon, file);
  }

  /** Forecasts for `batch` windows laid out row by row in `windows` (length batch * lookback). */
  async predictWindows(windows: Float32Array): Promise<Float32Array> {
    if (windows.length % this.lookback !== 0) throw new InvalidArgumentError(`windows hold ${windows.length} values, not a multiple of lookback ${this.lookback}`);
    const batch = windows.length / this.lookback;
    if (batch === 0) return new Float32Array(0);
    const O = ort();
    const out = await this.session.run({ [this.session.inputNames[0]]: new O.Tensor('float32', windows, [batch, this.lookback]) });
    return out[this.session.outputNames[0]].data;
  }

  /**
   * Forecast every asset at every date of a Panel field: the value of field `forecast_h<k>` at date t is
   * the prediction, made with the `lookback` values up to and including t, of the value k steps later.
   * NaN where the window has a missing value or t < lookback - 1.
   */
  async predictPanel(panel: Panel, field: string): Promise<Panel> {
    const v = panel.field(field);
    const n = panel.nAssets;
    const T = panel.nDates;
    const L = this.lookback;
    const where: Array<[number, number]> = [];
    const buf: number[] = [];
    for (let t = L - 1; t < T; t++) {
      for (let i = 0; i < n; i++) {
        let ok = true;
        for (let s = t - L + 1; s <= t; s++) if (!Number.isFinite(v[s * n + i])) ok = false;
        if (!ok) continue;
        for (let s = t - L + 1; s <= t; s++) buf.push(v[s * n + i]);
        where.push([t, i]);
      }
    }
    const y = await this.predictWindows(Float32Array.from(buf));
    const fields: Record<string, Float64Array> = {};
    for (let k = 0; k < this.horizon; k++) fields[`forecast_h${k + 1}`] = new Float64Array(T * n).fill(NaN);
    where.forEach(([t, i], w) => {
      for (let k = 0; k < this.horizon; k++) fields[`forecast_h${k + 1}`][t * n + i] = y[w * this.horizon + k];
    });
    return new Panel({ dates: panel.dates, assets: panel.assets, fields });
  }
}

/** Load an ONNX forecaster (see OnnxForecaster). */
export function loadForecaster(file: string, opts: ForecasterOptions = {}): Promise<OnnxForecaster> {
  return OnnxForecaster.load(file, opts);
}

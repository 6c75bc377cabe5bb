/**
 * A synthetic panel with known, planted signals, for testing miners and teaching.
 *
 * Two hidden standard-normal features per (date, asset) drive the next day's log return:
 *   r(t + 1, i) = sigma (rhoVolume zv(t, i) + rhoRange zh(t, i) + sqrt(1 - rhoVolume^2 - rhoRange^2) e(t + 1, i))
 * and are observable through the fields:
 *   volume(t, i) = 1e6 exp(0.5 zv(t, i))                    (rank of volume = rank of zv)
 *   high(t, i)   = close(t, i) (1 + 0.01 exp(0.3 zh(t, i)))  (rank of high / close = rank of zh)
 *   low(t, i)    = close(t, i) (1 - 0.01 exp(0.3 u(t, i))),  open(t, i) = close(t - 1, i) exp(0.002 u'(t, i))
 * So the Spearman correlation of cs_rank(volume) with the next return is about rhoVolume and
 * that of high / close about rhoRange. No vwap field: the DSL uses its (high + low + close) / 3 proxy.
 */
import { Panel } from '../../data/panel';
import { businessDays } from '../../data/dates';
import { Rng } from '../../math/rng';

export interface PlantedPanelOptions {
  seed: number;
  nAssets?: number;
  nDates?: number;
  rhoVolume?: number;
  rhoRange?: number;
  sigma?: number;
  start?: string;
}

export function plantedSignalPanel(opts: PlantedPanelOptions): Panel {
  const rng = new Rng(opts.seed);
  const N = opts.nAssets ?? 50;
  const T = opts.nDates ?? 300;
  const rv = opts.rhoVolume ?? 0.1;
  const rh = opts.rhoRange ?? -0.08;
  const sigma = opts.sigma ?? 0.02;
  const rest = Math.sqrt(Math.max(0, 1 - rv * rv - rh * rh));
  const close = new Float64Array(T * N);
  const open = new Float64Array(T * N);
  const high = new Float64Array(T * N);
  const low = new Float64Array(T * N);
  const volume = new Float64Array(T * N);
  const zv = new Float64Array(N);
  const zh = new Float64Array(N);
  for (let t = 0; t < T; t++) {
    for (let i = 0; i < N; i++) {
      const p = t * N + i;
      const prev = t === 0 ? 100 : close[p - N];
      const r = t === 0 ? 0 : sigma * (rv * zv[i] + rh * zh[i] + rest * rng.normal());
      close[p] = prev * Math.exp(r);
      open[p] = prev * Math.exp(0.002 * rng.normal());
      zv[i] = rng.normal();
      zh[i] = rng.normal();
      volume[p] = 1e6 * Math.exp(0.5 * zv[i]);
      high[p] = close[p] * (1 + 0.01 * Math.exp(0.3 * zh[i]));
      low[p] = close[p] * (1 - 0.01 * Math.exp(0.3 * rng.normal()));
    }
  }
  const assets = Array.from({ length: N }, (_, i) => `P${String(i + 1).padStart(3, '0')}`);
  return new Panel({
    dates: businessDays(opts.start ?? '2021-01-04', T),
    assets,
    fields: { open, high, low, close, volume },
    source: { name: `plantedSignalPanel(seed=${opts.seed}, assets=${N}, days=${T})` },
  });
}

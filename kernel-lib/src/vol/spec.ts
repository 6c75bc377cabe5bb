/**
 * A model specification in words (what the CLI and notebooks pass) and its translation into
 * the three components. Defaults follow arch: constant mean, GARCH(1,1), normal errors.
 */
import { InvalidArgumentError } from '../errors';
import { GeneralizedError } from './dist/ged';
import { Normal } from './dist/normal';
import { SkewStudent } from './dist/skewt';
import { StudentsT } from './dist/studentt';
import { ArMean, ConstantMean, ZeroMean } from './mean/models';
import { ConstantVariance } from './process/constant';
import { Egarch } from './process/egarch';
import { Ewma } from './process/ewma';
import { Garch } from './process/garch';
import type { Distribution, MeanModel, VolatilityProcess } from './types';

export type MeanName = 'constant' | 'zero' | 'ar';
export type VolName = 'garch' | 'gjr' | 'tarch' | 'egarch' | 'ewma' | 'constant';
export type DistName = 'normal' | 't' | 'skewt' | 'ged';

export interface GarchSpec {
  mean?: MeanName;
  /** AR order when mean = 'ar' (default 1). */
  lags?: number;
  vol?: VolName;
  /** ARCH order (default 1). */
  p?: number;
  /** Asymmetric order (default 1 for gjr/tarch, 0 for garch/egarch). */
  o?: number;
  /** GARCH order (default 1). */
  q?: number;
  dist?: DistName;
  /** EWMA smoothing: a fixed value in (0, 1) (default 0.94) or null to estimate it. */
  lambda?: number | null;
}

export const VOL_NAMES: VolName[] = ['garch', 'gjr', 'tarch', 'egarch', 'ewma', 'constant'];
export const DIST_NAMES: DistName[] = ['normal', 't', 'skewt', 'ged'];
export const MEAN_NAMES: MeanName[] = ['constant', 'zero', 'ar'];

export function buildMean(spec: GarchSpec): MeanModel {
  const m = spec.mean ?? 'constant';
  if (m === 'constant') return new ConstantMean();
  if (m === 'zero') return new ZeroMean();
  if (m === 'ar') return new ArMean(spec.lags ?? 1);
  throw new InvalidArgumentError(`unknown mean model "${String(m)}" (expected ${MEAN_NAMES.join(', ')})`);
}

export function buildVol(spec: GarchSpec): VolatilityProcess {
  const v = spec.vol ?? 'garch';
  const p = spec.p ?? 1;
  const q = spec.q ?? 1;
  for (const [k, val] of [['p', p], ['q', q], ['o', spec.o ?? 0]] as const) {
    if (!(Number.isInteger(val) && val >= 0 && val <= 20)) throw new InvalidArgumentError(`${k} must be an integer in [0, 20], got ${val}`);
  }
  switch (v) {
    case 'garch':
      return new Garch(p, spec.o ?? 0, q, 2);
    case 'gjr':
      return new Garch(p, spec.o ?? 1, q, 2);
    case 'tarch':
      return new Garch(p, spec.o ?? 1, q, 1);
    case 'egarch':
      return new Egarch(p, spec.o ?? 0, q);
    case 'ewma':
      return new Ewma(spec.lambda === undefined ? 0.94 : spec.lambda);
    case 'constant':
      return new ConstantVariance();
    default:
      throw new InvalidArgumentError(`unknown volatility model "${String(v)}" (expected ${VOL_NAMES.join(', ')})`);
  }
}

export function buildDist(spec: GarchSpec): Distribution {
  const d = spec.dist ?? 'normal';
  switch (d) {
    case 'normal':
      return new Normal();
    case 't':
      return new StudentsT();
    case 'skewt':
      return new SkewStudent();
    case 'ged':
      return new GeneralizedError();
    default:
      throw new InvalidArgumentError(`unknown distribution "${String(d)}" (expected ${DIST_NAMES.join(', ')})`);
  }
}

/** Short label such as `GJR-GARCH(1,1,1)-t` used in tables and payloads. */
export function specLabel(spec: GarchSpec): string {
  const v = spec.vol ?? 'garch';
  const p = spec.p ?? 1;
  const q = spec.q ?? 1;
  const o = spec.o ?? (v === 'gjr' || v === 'tarch' ? 1 : 0);
  const core = v === 'ewma' ? 'EWMA' : v === 'constant' ? 'Constant' : `${v.toUpperCase()}(${o > 0 ? `${p},${o},${q}` : `${p},${q}`})`;
  const mean = spec.mean === 'ar' ? `AR(${spec.lags ?? 1})-` : spec.mean === 'zero' ? 'Zero-' : '';
  return `${mean}${core}-${spec.dist ?? 'normal'}`;
}

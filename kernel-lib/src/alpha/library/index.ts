import { alpha158 } from './alpha158';
import { ALPHA101 } from './alpha101';
import { BASIC_ALPHAS } from './basic';
import type { LibraryAlpha } from './types';

export { BASIC_ALPHAS } from './basic';
export { ALPHA101 } from './alpha101';
export { alpha158, ALPHA158_WINDOWS } from './alpha158';
export type { LibraryAlpha } from './types';

/** Every alpha of the library: the five basic ones, Alpha158 (158 features), and the Alpha101 selection. */
export function alphaLibrary(): LibraryAlpha[] {
  return [...BASIC_ALPHAS, ...alpha158(), ...ALPHA101];
}

/** A library alpha by name (`momentum_5d`, `KMID`, `ROC20`, `alpha001`), or undefined. */
export function libraryAlpha(name: string): LibraryAlpha | undefined {
  return alphaLibrary().find((a) => a.name === name);
}

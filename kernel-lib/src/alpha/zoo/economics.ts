/**
 * Add-alpha economics (fundamental-law arithmetic of the reference's `AlphaAdditionAnalysis`).
 *
 * effective IC   = IC x (1 - rho)              rho = correlation of the new alpha with the book
 * combined IR    = sqrt(IR^2 + effectiveIC^2)
 * improvement    = combined IR - IR
 * net            = improvement - cost           cost per added alpha (default 0.01)
 * add            = net > minNetGain             (default 0.01)
 */
export interface AddAlphaInput {
  ic: number;
  correlation: number;
  /** IR of the current combined book. */
  currentIR: number;
  /** Cost of carrying one more alpha, in IR units. Default 0.01. */
  costPerAlpha?: number;
  /** Minimum net gain. Default 0.01. */
  minNetGain?: number;
}

export interface AddAlphaDecision {
  effectiveIC: number;
  combinedIR: number;
  improvement: number;
  net: number;
  add: boolean;
}

export function addAlphaEconomics(input: AddAlphaInput): AddAlphaDecision {
  const effectiveIC = input.ic * (1 - input.correlation);
  const combinedIR = Math.sqrt(input.currentIR * input.currentIR + effectiveIC * effectiveIC);
  const improvement = combinedIR - input.currentIR;
  const net = improvement - (input.costPerAlpha ?? 0.01);
  return { effectiveIC, combinedIR, improvement, net, add: net > (input.minNetGain ?? 0.01) };
}

/** Portfolio IR of independent alphas by the fundamental law: sqrt(sum IC_k^2). */
export function portfolioIR(ics: readonly number[]): number {
  let s = 0;
  for (const ic of ics) s += ic * ic;
  return Math.sqrt(s);
}

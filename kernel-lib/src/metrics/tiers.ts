/** Sharpe tiers of the research reference: < 1 below threshold, >= 1 consider, > 2 hedge-fund grade, > 3 elite. */
export type SharpeTier = 'below threshold' | 'consider' | 'hedge-fund grade' | 'elite';

/** The tier of an annualised Sharpe ratio (after costs): boundaries 1.0 (inclusive), 2.0 and 3.0 (exclusive). */
export function sharpeTier(sharpe: number): SharpeTier {
  if (sharpe > 3) return 'elite';
  if (sharpe > 2) return 'hedge-fund grade';
  if (sharpe >= 1) return 'consider';
  return 'below threshold';
}

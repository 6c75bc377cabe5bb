/**
 * The zoo's de-duplication key when no canonicaliser is supplied: the formula with all
 * whitespace removed. Pass the DSL's `canonicalFormula` to `new FactorZoo(dates, ...)` to also
 * identify spellings such as `Ref(x, 1)` and `delay(x, 1)` or `a + b` and `b + a`.
 */
export function defaultCanonical(formula: string): string {
  return formula.replace(/\s+/g, '');
}

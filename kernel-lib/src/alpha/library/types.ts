/** One alpha of the library: a name, its formula in the DSL, where it comes from, and what it measures. */
export interface LibraryAlpha {
  readonly name: string;
  readonly formula: string;
  readonly family: 'basic' | 'alpha158' | 'alpha101';
  readonly description: string;
}

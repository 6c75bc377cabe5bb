import type { LibraryAlpha } from './types';

/** The rolling windows of Qlib's Alpha158. */
export const ALPHA158_WINDOWS: readonly number[] = [5, 10, 20, 30, 60];

const KBAR: [string, string][] = [
  ['KMID', '($close-$open)/$open'],
  ['KLEN', '($high-$low)/$open'],
  ['KMID2', '($close-$open)/($high-$low+1e-12)'],
  ['KUP', '($high-Greater($open, $close))/$open'],
  ['KUP2', '($high-Greater($open, $close))/($high-$low+1e-12)'],
  ['KLOW', '(Less($open, $close)-$low)/$open'],
  ['KLOW2', '(Less($open, $close)-$low)/($high-$low+1e-12)'],
  ['KSFT', '(2*$close-$high-$low)/$open'],
  ['KSFT2', '(2*$close-$high-$low)/($high-$low+1e-12)'],
];

const PRICE: [string, string][] = [
  ['OPEN0', '$open/$close'],
  ['HIGH0', '$high/$close'],
  ['LOW0', '$low/$close'],
  ['VWAP0', '$vwap/$close'],
];

const ROLLING: [string, string][] = [
  ['ROC', 'Ref($close, %d)/$close'],
  ['MA', 'Mean($close, %d)/$close'],
  ['STD', 'Std($close, %d)/$close'],
  ['BETA', 'Slope($close, %d)/$close'],
  ['RSQR', 'Rsquare($close, %d)'],
  ['RESI', 'Resi($close, %d)/$close'],
  ['MAX', 'Max($high, %d)/$close'],
  ['MIN', 'Min($low, %d)/$close'],
  ['QTLU', 'Quantile($close, %d, 0.8)/$close'],
  ['QTLD', 'Quantile($close, %d, 0.2)/$close'],
  ['RANK', 'Rank($close, %d)'],
  ['RSV', '($close-Min($low, %d))/(Max($high, %d)-Min($low, %d)+1e-12)'],
  ['IMAX', 'IdxMax($high, %d)/%d'],
  ['IMIN', 'IdxMin($low, %d)/%d'],
  ['IMXD', '(IdxMax($high, %d)-IdxMin($low, %d))/%d'],
  ['CORR', 'Corr($close, Log($volume+1), %d)'],
  ['CORD', 'Corr($close/Ref($close,1), Log($volume/Ref($volume, 1)+1), %d)'],
  ['CNTP', 'Mean($close>Ref($close, 1), %d)'],
  ['CNTN', 'Mean($close<Ref($close, 1), %d)'],
  ['CNTD', 'Mean($close>Ref($close, 1), %d)-Mean($close<Ref($close, 1), %d)'],
  ['SUMP', 'Sum(Greater($close-Ref($close, 1), 0), %d)/(Sum(Abs($close-Ref($close, 1)), %d)+1e-12)'],
  ['SUMN', 'Sum(Greater(Ref($close, 1)-$close, 0), %d)/(Sum(Abs($close-Ref($close, 1)), %d)+1e-12)'],
  ['SUMD', '(Sum(Greater($close-Ref($close, 1), 0), %d)-Sum(Greater(Ref($close, 1)-$close, 0), %d))/(Sum(Abs($close-Ref($close, 1)), %d)+1e-12)'],
  ['VMA', 'Mean($volume, %d)/($volume+1e-12)'],
  ['VSTD', 'Std($volume, %d)/($volume+1e-12)'],
  ['WVMA', 'Std(Abs($close/Ref($close, 1)-1)*$volume, %d)/(Mean(Abs($close/Ref($close, 1)-1)*$volume, %d)+1e-12)'],
  ['VSUMP', 'Sum(Greater($volume-Ref($volume, 1), 0), %d)/(Sum(Abs($volume-Ref($volume, 1)), %d)+1e-12)'],
  ['VSUMN', 'Sum(Greater(Ref($volume, 1)-$volume, 0), %d)/(Sum(Abs($volume-Ref($volume, 1)), %d)+1e-12)'],
  ['VSUMD', '(Sum(Greater($volume-Ref($volume, 1), 0), %d)-Sum(Greater(Ref($volume, 1)-$volume, 0), %d))/(Sum(Abs($volume-Ref($volume, 1)), %d)+1e-12)'],
];

/**
 * Qlib's Alpha158 feature set, written exactly as Qlib writes it (`$close`, `Ref`, `Mean`, ...;
 * the DSL reads Qlib spellings unchanged): 9 candlestick (k-bar) features, 4 price ratios, and 29
 * rolling families x 5 windows = 158 features. Missing-value rules are this engine's (a window
 * needs all its observations), which can differ from Qlib's at the start of a series.
 */
export function alpha158(windows: readonly number[] = ALPHA158_WINDOWS): LibraryAlpha[] {
  const out: LibraryAlpha[] = [];
  for (const [name, formula] of KBAR) out.push({ name, formula, family: 'alpha158', description: `Alpha158 k-bar feature ${name}` });
  for (const [name, formula] of PRICE) out.push({ name, formula, family: 'alpha158', description: `Alpha158 price feature ${name}` });
  for (const [family, template] of ROLLING) {
    for (const d of windows) {
      out.push({
        name: `${family}${d}`,
        formula: template.replace(/%d/g, String(d)),
        family: 'alpha158',
        description: `Alpha158 rolling feature ${family} over ${d} days`,
      });
    }
  }
  return out;
}

/**
 * Market regimes: a univariate Gaussian hidden Markov model (Baum-Welch with restarts, scaled
 * forward-backward, Viterbi; states sorted by variance), a Gaussian mixture fitted by EM, the
 * reference's five regime features and regime-conditional correlation.
 */
export * from './hmm-params';
export * from './hmm-forward-backward';
export * from './hmm-viterbi';
export * from './hmm-fit';
export * from './hmm-result';
export * from './gmm';
export * from './features';
export * from './correlation';
export * from './hmm-filter';
export * from './filter';

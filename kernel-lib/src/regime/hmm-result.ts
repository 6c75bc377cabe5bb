import { jsonArray } from '../metrics/json';
import { forwardBackward, hmmLogLikelihood } from './hmm-forward-backward';
import type { GaussianHmmParams } from './hmm-params';
import { viterbi } from './hmm-viterbi';

export interface RegimePayload {
  kind: 'regime';
  version: 1;
  model: 'gaussian-hmm' | 'gaussian-mixture';
  n_states: number;
  n_obs: number;
  log_likelihood: number;
  aic: number;
  bic: number;
  converged: boolean;
  iterations: number;
  means: (number | null)[];
  variances: (number | null)[];
  start_prob: (number | null)[] | null;
  transition_matrix: (number | null)[][] | null;
  stationary: (number | null)[] | null;
  expected_duration: (number | null)[] | null;
  weights: (number | null)[];
  /** Most likely state per observation (Viterbi for the HMM, argmax posterior for the mixture). */
  states: number[];
  /** Posterior probability of each state at the last observation. */
  last_probabilities: (number | null)[];
}

/**
 * A fitted Gaussian HMM: parameters with states sorted by ascending variance (state 0 calmest),
 * log-likelihood, information criteria, the Viterbi path and posterior probabilities.
 */
export class GaussianHmmFit {
  readonly nStates: number;
  readonly nObs: number;
  /** Free parameters: (K - 1) + K (K - 1) + 2K. */
  readonly nParams: number;
  private cache?: { states: Int32Array; gamma: Float64Array };

  constructor(
    readonly data: Float64Array,
    readonly params: GaussianHmmParams,
    readonly logLikelihood: number,
    readonly iterations: number,
    readonly converged: boolean,
    readonly starts: number,
  ) {
    this.nStates = params.means.length;
    this.nObs = data.length;
    const K = this.nStates;
    this.nParams = K - 1 + K * (K - 1) + 2 * K;
  }

  get aic(): number {
    return 2 * this.nParams - 2 * this.logLikelihood;
  }

  get bic(): number {
    return this.nParams * Math.log(this.nObs) - 2 * this.logLikelihood;
  }

  /** Viterbi state of every observation of the fitted series. */
  get states(): Int32Array {
    return this.decoded().states;
  }

  /** Posterior P(s_t = i | x), row-major T x K. */
  get posterior(): Float64Array {
    return this.decoded().gamma;
  }

  /** Stationary distribution of the chain (left eigenvector of A for eigenvalue 1, by power iteration). */
  get stationary(): Float64Array {
    const K = this.nStates;
    const A = this.params.transMat;
    let p: Float64Array = new Float64Array(K).fill(1 / K);
    for (let it = 0; it < 10_000; it++) {
      const q = new Float64Array(K);
      for (let i = 0; i < K; i++) for (let j = 0; j < K; j++) q[j] += p[i] * A[i * K + j];
      let d = 0;
      for (let j = 0; j < K; j++) d += Math.abs(q[j] - p[j]);
      p = q;
      if (d < 1e-15) break;
    }
    return p;
  }

  /** Expected stay in each state, 1 / (1 - A_ii) periods. */
  get expectedDuration(): Float64Array {
    const K = this.nStates;
    return Float64Array.from({ length: K }, (_, i) => 1 / (1 - this.params.transMat[i * K + i]));
  }

  /** Log-likelihood of another series under the fitted parameters. */
  score(x: ArrayLike<number>): number {
    return hmmLogLikelihood(x, this.params);
  }

  private decoded(): { states: Int32Array; gamma: Float64Array } {
    if (!this.cache) this.cache = { states: viterbi(this.data, this.params).states, gamma: forwardBackward(this.data, this.params).gamma };
    return this.cache;
  }

  toPayload(): RegimePayload {
    const K = this.nStates;
    const A = this.params.transMat;
    const g = this.posterior;
    return {
      kind: 'regime',
      version: 1,
      model: 'gaussian-hmm',
      n_states: K,
      n_obs: this.nObs,
      log_likelihood: this.logLikelihood,
      aic: this.aic,
      bic: this.bic,
      converged: this.converged,
      iterations: this.iterations,
      means: jsonArray(this.params.means),
      variances: jsonArray(this.params.variances),
      start_prob: jsonArray(this.params.startProb),
      transition_matrix: Array.from({ length: K }, (_, i) => jsonArray(A.subarray(i * K, (i + 1) * K))),
      stationary: jsonArray(this.stationary),
      expected_duration: jsonArray(this.expectedDuration),
      weights: jsonArray(this.stationary),
      states: Array.from(this.states),
      last_probabilities: jsonArray(g.subarray((this.nObs - 1) * K, this.nObs * K)),
    };
  }

  toString(): string {
    const K = this.nStates;
    const f = (x: number): string => x.toPrecision(6);
    const lines = [`Gaussian HMM, ${K} states (sorted by variance), ${this.nObs} observations: log-likelihood ${this.logLikelihood.toFixed(4)}, AIC ${this.aic.toFixed(2)}, BIC ${this.bic.toFixed(2)}${this.converged ? '' : ' (NOT converged)'}`];
    for (let i = 0; i < K; i++) {
      const row = Array.from(this.params.transMat.subarray(i * K, (i + 1) * K), (a) => a.toFixed(4)).join(' ');
      lines.push(`  state ${i}: mean ${f(this.params.means[i])}, variance ${f(this.params.variances[i])}, transitions [${row}], expected duration ${this.expectedDuration[i].toFixed(1)}`);
    }
    return lines.join('\n');
  }
}

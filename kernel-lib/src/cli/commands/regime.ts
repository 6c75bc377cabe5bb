import { parseArgs } from 'node:util';
import { AlphaFactoryError } from '../../errors';
import { Rng } from '../../math/rng';
import { fitGaussianHmm } from '../../regime/hmm-fit';
import { fitGaussianMixture } from '../../regime/gmm';
import { usageError as groupUsageError, withUsageErrors } from '../args';
import type { CliCommand, CliIO } from '../command';
import { numberOption, pricesToReturns, readColumn } from './metrics';

const USAGE = `Usage:
  alpha-factory regime hmm <csv> --column C [--returns pct|log|none] [--scale S] --states K
                           [--restarts R] [--seed N] [--dropna] [--json]
  alpha-factory regime gmm <csv> --column C [--returns pct|log|none] [--scale S] --states K
                           [--restarts R] [--seed N] [--dropna] [--json]

hmm   Fits a Gaussian hidden Markov model by maximum likelihood (Baum-Welch with restarts) to the
      returns of one column and prints the log-likelihood, state means and variances (states
      sorted by ascending variance: state 0 is the calmest), the transition matrix, the stationary
      distribution, expected durations and the most likely current state.
gmm   Fits a Gaussian mixture by EM to the same returns (no time dependence).
  --column C          the column of prices (or returns with --returns none)
  --returns pct|log   how returns are made from the prices, as in \`garch fit\`: pct = p_t/p_{t-1} - 1
                      (default), log = ln(p_t/p_{t-1}); none = the column already holds returns
  --scale S           multiply the returns by S before fitting (default 100, as \`garch fit\`:
                      percent returns); means and variances are reported in these units
  --states K          number of states, 1..6 (2 = calm/turbulent, 3 adds a middle state)
  --restarts R        random restarts besides the two deterministic starts (default 8)
  --seed N            seed of the restarts (default 0)
  --dropna            drop missing values inside the series instead of failing
  --json              {"model", "n_obs", "n_states", "log_likelihood", "aic", "bic", "converged",
                       "iterations", "means", "variances", "transition_matrix", "start_prob",
                       "stationary", "expected_duration", "current_state", "current_probabilities",
                       "state_counts", "returns", "scale"}
`;

const usageError = (message: string): AlphaFactoryError => groupUsageError('regime', message);

async function fit(model: 'hmm' | 'gmm', argv: string[], io: CliIO): Promise<number> {
  const parsed = withUsageErrors('regime', () => parseArgs({ args: argv, allowPositionals: true, options: {
        column: { type: 'string' },
        returns: { type: 'string' },
        scale: { type: 'string' },
        states: { type: 'string' },
        restarts: { type: 'string' },
        seed: { type: 'string' },
        dropna: { type: 'boolean' },
        json: { type: 'boolean' },
      } }));
  const { values, positionals } = parsed;
  if (positionals.length !== 1) throw usageError(positionals.length === 0 ? 'missing <csv>' : `unexpected argument "${positionals[1]}"`);
  if (!values.column) throw usageError('--column is required');
  if (values.states === undefined) throw usageError('--states is required');
  const K = numberOption(values.states, 2, 'states', 'regime');
  if (!Number.isInteger(K) || K < 1 || K > 6) throw usageError(`--states must be an integer from 1 to 6, got ${values.states}`);
  const how = values.returns ?? 'pct';
  if (how !== 'pct' && how !== 'log' && how !== 'none') throw usageError(`--returns must be pct, log or none, got "${how}"`);
  const scale = numberOption(values.scale, 100, 'scale', 'regime');
  if (!(scale > 0)) throw usageError('--scale must be > 0');
  const restarts = numberOption(values.restarts, 8, 'restarts', 'regime');
  const seed = numberOption(values.seed, 0, 'seed', 'regime');
  const file = positionals[0];
  const col = readColumn(file, values.column, how === 'none' ? 'returns' : 'prices', io, values.dropna === true);
  const r = how === 'none' ? col.values : pricesToReturns(col.values, how);
  for (let i = 0; i < r.length; i++) r[i] *= scale;
  const rng = new Rng(seed);
  const res = model === 'hmm' ? fitGaussianHmm(r, { states: K, restarts, rng }) : fitGaussianMixture(Array.from(r, (x) => [x]), { components: K, restarts: Math.max(1, restarts), rng });
  const p = res.toPayload();
  const counts = new Array(K).fill(0);
  for (const s of p.states) counts[s]++;
  const current = p.states[p.states.length - 1];
  if (values.json) {
    const out = {
      model: p.model,
      n_obs: p.n_obs,
      n_states: p.n_states,
      log_likelihood: p.log_likelihood,
      aic: p.aic,
      bic: p.bic,
      converged: p.converged,
      iterations: p.iterations,
      means: p.means,
      variances: p.variances,
      transition_matrix: p.transition_matrix,
      start_prob: p.start_prob,
      stationary: p.stationary,
      expected_duration: p.expected_duration,
      weights: p.weights,
      current_state: current,
      current_probabilities: p.last_probabilities,
      state_counts: counts,
      returns: how,
      scale,
    };
    io.out(JSON.stringify(out) + '\n');
    return 0;
  }
  io.out(`${values.column} (${file}), ${how === 'none' ? 'returns' : how + ' returns'} x ${scale}:\n${res.toString()}\n  current state: ${current} (probabilities ${p.last_probabilities.map((x) => (x ?? NaN).toFixed(3)).join(', ')}); days per state: ${counts.join(', ')}\n`);
  return 0;
}

export const regimeCommand: CliCommand = {
  name: 'regime',
  summary: 'Market regimes: Gaussian HMM or mixture fitted to a CSV column',
  usage: USAGE,
  async run(argv: string[], io: CliIO): Promise<number> {
    const [sub, ...rest] = argv;
    if (sub === 'hmm' || sub === 'gmm') return fit(sub, rest, io);
    throw usageError(sub === undefined ? 'missing subcommand (hmm or gmm)' : `unknown subcommand "${sub}"`);
  },
};

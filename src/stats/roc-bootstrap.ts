import { StatsInputError } from '../errors.ts';
import { quantileType7 } from './quantile.ts';
import { rocAuc } from './roc.ts';
import { assertOutcomeAndScores } from './validate.ts';

/** A percentile bootstrap CI of the AUC. */
export interface AucBootstrapCi {
  readonly auc: number;
  readonly lower: number;
  readonly upper: number;
  readonly confLevel: number;
  readonly replicates: number;
}

/**
 * Stratified percentile bootstrap CI of the AUC, the method of pROC's `ci.auc(roc, method = "bootstrap",
 * stratified = TRUE)`: each replicate draws m cases from the m cases and n controls from the n controls with
 * replacement, computes the Mann-Whitney AUC, and the CI is the (1-conf)/2 and 1-(1-conf)/2 quantiles (R type 7) of
 * the replicate AUCs. `random` is a uniform [0, 1) generator the caller seeds (e.g. `createRng(seed).next`), so
 * the interval is reproducible; it cannot equal R's numbers draw for draw (R has its own generator).
 * Source: Carpenter & Bithell, Stat Med 19:1141 (2000); pROC documentation, `ci.auc`.
 */
export function aucBootstrapCi(
  outcome: ArrayLike<number>,
  scores: ArrayLike<number>,
  random: () => number,
  options: { readonly replicates?: number; readonly confLevel?: number } = {},
): AucBootstrapCi {
  const replicates = options.replicates ?? 2000;
  const confLevel = options.confLevel ?? 0.95;
  if (!Number.isInteger(replicates) || replicates < 10) {
    throw new StatsInputError('invalid-value', `replicates must be an integer >= 10, got ${replicates}`);
  }
  if (!(confLevel > 0 && confLevel < 1)) {
    throw new StatsInputError(
      'invalid-value',
      `confLevel must lie strictly between 0 and 1, got ${confLevel}`,
    );
  }
  assertOutcomeAndScores(outcome, scores);
  const cases: number[] = [];
  const controls: number[] = [];
  for (let i = 0; i < outcome.length; i++) (outcome[i] === 1 ? cases : controls).push(scores[i]);
  const m = cases.length;
  const n = controls.length;
  const y = new Float64Array(m + n);
  y.fill(1, 0, m);
  const s = new Float64Array(m + n);
  const aucs = new Float64Array(replicates);
  for (let r = 0; r < replicates; r++) {
    for (let i = 0; i < m; i++) s[i] = cases[Math.floor(random() * m)];
    for (let j = 0; j < n; j++) s[m + j] = controls[Math.floor(random() * n)];
    aucs[r] = rocAuc(y, s);
  }
  const alpha = (1 - confLevel) / 2;
  const [lower, upper] = quantileType7(aucs, [alpha, 1 - alpha]);
  return { auc: rocAuc(outcome, scores), lower, upper, confLevel, replicates };
}

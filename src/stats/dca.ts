/**
 * Decision curve analysis (Vickers & Elkin, Med Decis Making 26:565, 2006), with the conventions of the R
 * packages dcurves / rmda: treat when p >= pt; net benefit of the model, of treating everyone and of
 * treating no one.
 */
import { StatsInputError } from '../errors.ts';
import { assertBinaryOutcome, assertProbabilities, assertSameLength } from './validate.ts';

/** A decision curve on a grid of threshold probabilities (parallel arrays). */
export interface DecisionCurve {
  /** Threshold probabilities pt. */
  readonly thresholds: Float64Array;
  /** NB_model(pt) = TP/N - FP/N · pt/(1 - pt). */
  readonly netBenefitModel: Float64Array;
  /** NB_all(pt) = prevalence - (1 - prevalence) · pt/(1 - pt). */
  readonly netBenefitAll: Float64Array;
  /** NB_none(pt) = 0. */
  readonly netBenefitNone: Float64Array;
  readonly prevalence: number;
}

/** Options of {@link decisionCurve}: the grid pt = k/100 for k = from..to (default 1..99). */
export interface DecisionCurveOptions {
  readonly fromPercent?: number;
  readonly toPercent?: number;
}

/**
 * Net benefit of the model at one threshold: NB = TP/N - FP/N · pt/(1 - pt), a subject being treated when
 * p >= pt. Source: Vickers & Elkin (2006), eq. 1.
 */
export function netBenefit(outcome: ArrayLike<number>, probs: ArrayLike<number>, pt: number): number {
  checkInputs(outcome, probs);
  checkThreshold(pt);
  return netBenefitUnchecked(outcome, probs, pt);
}

function netBenefitUnchecked(outcome: ArrayLike<number>, probs: ArrayLike<number>, pt: number): number {
  let tp = 0;
  let fp = 0;
  for (let i = 0; i < probs.length; i++) {
    if (probs[i] >= pt) {
      if (outcome[i] === 1) tp++;
      else fp++;
    }
  }
  const n = probs.length;
  return tp / n - (fp / n) * (pt / (1 - pt));
}

/**
 * Decision curve of a model on pt = k/100, k = 1..99 (each pt is the double nearest k/100, i.e. R's
 * `round(k/100, 2)`, never an accumulated sum of 0.01 steps that would drift at the `>=` comparison).
 * NB_model as {@link netBenefit}; NB_all = π - (1-π) pt/(1-pt) with π the observed prevalence; NB_none = 0.
 * Source: Vickers & Elkin (2006); Vickers, van Calster & Steyerberg, BMJ 352:i6 (2016).
 */
export function decisionCurve(
  outcome: ArrayLike<number>,
  probs: ArrayLike<number>,
  options: DecisionCurveOptions = {},
): DecisionCurve {
  checkInputs(outcome, probs);
  const from = options.fromPercent ?? 1;
  const to = options.toPercent ?? 99;
  if (!Number.isInteger(from) || !Number.isInteger(to) || from < 0 || to > 99 || from > to) {
    throw new StatsInputError(
      'invalid-value',
      `decision-curve percent range must be integers with 0 <= from <= to <= 99, got ${from}..${to}`,
    );
  }
  let events = 0;
  for (let i = 0; i < outcome.length; i++) events += outcome[i];
  const prevalence = events / outcome.length;
  const count = to - from + 1;
  const thresholds = Float64Array.from({ length: count }, (_, i) => (from + i) / 100);
  const netBenefitModel = thresholds.map((pt) => netBenefitUnchecked(outcome, probs, pt));
  const netBenefitAll = thresholds.map((pt) => prevalence - (1 - prevalence) * (pt / (1 - pt)));
  return { thresholds, netBenefitModel, netBenefitAll, netBenefitNone: new Float64Array(count), prevalence };
}

function checkInputs(outcome: ArrayLike<number>, probs: ArrayLike<number>): void {
  assertSameLength(outcome, 'outcome', probs, 'probabilities');
  assertBinaryOutcome(outcome, 'outcome', false);
  assertProbabilities(probs, 'probabilities');
}

function checkThreshold(pt: number): void {
  if (!(pt >= 0 && pt < 1)) {
    throw new StatsInputError('invalid-value', `threshold probability pt must be in [0, 1), got ${pt}`);
  }
}

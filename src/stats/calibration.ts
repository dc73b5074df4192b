/**
 * Calibration of predicted probabilities: the Hosmer-Lemeshow test (as R ResourceSelection::hoslem.test,
 * g = 10), a binned calibration curve, and the Brier score.
 */
import { StatsInputError } from '../errors.ts';
import { chiSquareSurvival } from './distributions.ts';
import { quantileType7 } from './quantile.ts';
import { assertBinaryOutcome, assertProbabilities, assertSameLength } from './validate.ts';

/** One bin of predictions with its observed and expected counts. */
export interface CalibrationBin {
  /** Bin edges: (lower, upper], the first bin closed at its lower edge. */
  readonly lower: number;
  readonly upper: number;
  readonly n: number;
  /** Σ y (events) and Σ p (expected events). */
  readonly observedEvents: number;
  readonly expectedEvents: number;
  /** Σ (1 - y) and Σ (1 - p). */
  readonly observedNonEvents: number;
  readonly expectedNonEvents: number;
}

/** Result of {@link hosmerLemeshow}. */
export interface HosmerLemeshowResult {
  readonly statistic: number;
  /** g - 2, kept even when tied predictions merge quantile breaks (as hoslem.test). */
  readonly df: number;
  readonly pValue: number;
  /** Groups asked for (g). */
  readonly groups: number;
  /** Bins actually formed (fewer than g when quantile breaks coincide). */
  readonly groupsUsed: number;
  readonly bins: readonly CalibrationBin[];
}

/** R `seq(0, 1, 1/g)`: k * (1/g), capped at 1 (not k/g: R multiplies by the rounded step). */
function probabilityGrid(g: number): Float64Array {
  const by = 1 / g;
  const n = Math.floor(1 / by + 1e-10);
  return Float64Array.from({ length: n + 1 }, (_, k) => Math.min(k * by, 1));
}

/** Distinct values of a non-decreasing array, in order (R `unique` on sorted quantiles). */
function uniqueSorted(values: Float64Array): Float64Array {
  return values.filter((v, i) => i === 0 || v !== values[i - 1]);
}

/**
 * Bins as R `cut(x, breaks, include.lowest = TRUE)` with right-closed intervals: bin k holds
 * breaks[k] < x <= breaks[k+1], and bin 0 also holds x = breaks[0]. Values outside [breaks[0], last] get -1.
 */
function assignBins(x: ArrayLike<number>, breaks: Float64Array): Int32Array {
  const last = breaks.length - 1;
  return Int32Array.from({ length: x.length }, (_, i) => {
    const v = x[i];
    if (v < breaks[0] || v > breaks[last]) return -1;
    let lo = 1;
    let hi = last;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (v <= breaks[mid]) hi = mid;
      else lo = mid + 1;
    }
    return lo - 1;
  });
}

function binCounts(
  outcome: ArrayLike<number>,
  probs: ArrayLike<number>,
  breaks: Float64Array,
): CalibrationBin[] {
  const bin = assignBins(probs, breaks);
  const k = breaks.length - 1;
  const n = new Float64Array(k);
  const o1 = new Float64Array(k);
  const e1 = new Float64Array(k);
  const o0 = new Float64Array(k);
  const e0 = new Float64Array(k);
  for (let i = 0; i < probs.length; i++) {
    const b = bin[i];
    if (b < 0) continue;
    n[b]++;
    o1[b] += outcome[i];
    e1[b] += probs[i];
    o0[b] += 1 - outcome[i];
    e0[b] += 1 - probs[i];
  }
  return Array.from({ length: k }, (_, b) => ({
    lower: breaks[b],
    upper: breaks[b + 1],
    n: n[b],
    observedEvents: o1[b],
    expectedEvents: e1[b],
    observedNonEvents: o0[b],
    expectedNonEvents: e0[b],
  }));
}

function checkInputs(
  outcome: ArrayLike<number>,
  probs: ArrayLike<number>,
  requireBothClasses: boolean,
): void {
  assertSameLength(outcome, 'outcome', probs, 'probabilities');
  assertBinaryOutcome(outcome, 'outcome', requireBothClasses);
  assertProbabilities(probs, 'probabilities');
}

function checkBinCount(g: number, min: number): void {
  if (!Number.isInteger(g) || g < min) {
    throw new StatsInputError('invalid-value', `the number of groups must be an integer >= ${min}, got ${g}`);
  }
}

/** Quantile breaks of hoslem.test: unique(quantile(p, seq(0, 1, 1/g))), R type 7. */
function quantileBreaks(probs: ArrayLike<number>, g: number): Float64Array {
  const breaks = uniqueSorted(quantileType7(probs, probabilityGrid(g)));
  if (breaks.length < 2) {
    throw new StatsInputError(
      'invalid-value',
      `all ${probs.length} predicted probabilities are equal (${probs[0]}); calibration needs varying predictions`,
    );
  }
  return breaks;
}

/**
 * Hosmer-Lemeshow goodness-of-fit test, as R ResourceSelection::hoslem.test(y, p, g).
 *
 * Breaks = unique(type-7 quantiles of p at 0, 1/g, ..., 1); bins = cut(p, breaks, include.lowest = TRUE)
 * (right-closed). X² = Σ_bins [(O₁ - E₁)²/E₁ + (O₀ - E₀)²/E₀] with O₁ = Σ y, E₁ = Σ p, O₀ = Σ (1-y),
 * E₀ = Σ (1-p); df = g - 2 (even when ties merge breaks); p = P(χ²_df > X²), computed as the upper tail
 * directly (R's `1 - pchisq` loses relative precision below ~1e-15). A bin with an expected count of 0 (empty,
 * or all p exactly 0 or 1) makes X² undefined and throws. Source: Hosmer & Lemeshow, Applied Logistic
 * Regression (2nd ed.) §5.2.2; ResourceSelection::hoslem.test in the versions that make the breaks unique.
 */
export function hosmerLemeshow(
  outcome: ArrayLike<number>,
  probs: ArrayLike<number>,
  groups = 10,
): HosmerLemeshowResult {
  checkInputs(outcome, probs, true);
  checkBinCount(groups, 3);
  const bins = binCounts(outcome, probs, quantileBreaks(probs, groups));
  let statistic = 0;
  for (const b of bins) {
    if (!(b.expectedEvents > 0) || !(b.expectedNonEvents > 0)) {
      throw new StatsInputError(
        'invalid-value',
        `Hosmer-Lemeshow bin (${b.lower}, ${b.upper}] has an expected count of 0 (n = ${b.n}); use fewer groups`,
      );
    }
    statistic += (b.observedNonEvents - b.expectedNonEvents) ** 2 / b.expectedNonEvents;
    statistic += (b.observedEvents - b.expectedEvents) ** 2 / b.expectedEvents;
  }
  const df = groups - 2;
  return { statistic, df, pValue: chiSquareSurvival(statistic, df), groups, groupsUsed: bins.length, bins };
}

/** One point of a binned calibration curve. */
export interface CalibrationPoint {
  readonly lower: number;
  readonly upper: number;
  readonly n: number;
  /** Mean predicted probability in the bin. */
  readonly meanPredicted: number;
  /** Observed event rate in the bin. */
  readonly observedRate: number;
}

/** Options of {@link calibrationCurve}. */
export interface CalibrationCurveOptions {
  /** Number of bins (default 10). */
  readonly bins?: number;
  /**
   * 'quantile' (default): the Hosmer-Lemeshow bins (unique type-7 quantile breaks, right-closed);
   * 'uniform': breaks k/bins on [0, 1] (as R `seq(0, 1, 1/bins)`), right-closed, the first bin closed.
   */
  readonly strategy?: 'quantile' | 'uniform';
}

/**
 * Binned calibration (reliability) curve: for each bin, mean predicted probability Σp/n and observed event
 * rate Σy/n. Empty bins are left out. Source: Steyerberg, Clinical Prediction Models (2nd ed.) §15.2.
 */
export function calibrationCurve(
  outcome: ArrayLike<number>,
  probs: ArrayLike<number>,
  options: CalibrationCurveOptions = {},
): CalibrationPoint[] {
  checkInputs(outcome, probs, false);
  const k = options.bins ?? 10;
  checkBinCount(k, 1);
  const breaks =
    (options.strategy ?? 'quantile') === 'quantile' ? quantileBreaks(probs, k) : probabilityGrid(k);
  return binCounts(outcome, probs, breaks)
    .filter((b) => b.n > 0)
    .map((b) => ({
      lower: b.lower,
      upper: b.upper,
      n: b.n,
      meanPredicted: b.expectedEvents / b.n,
      observedRate: b.observedEvents / b.n,
    }));
}

/** Brier score (1/N) Σ (p_i - y_i)², the mean squared error of predicted probabilities. Source: Brier, Mon. Weather Rev. 78:1 (1950). */
export function brierScore(outcome: ArrayLike<number>, probs: ArrayLike<number>): number {
  checkInputs(outcome, probs, false);
  let s = 0;
  for (let i = 0; i < probs.length; i++) s += (probs[i] - outcome[i]) ** 2;
  return s / probs.length;
}

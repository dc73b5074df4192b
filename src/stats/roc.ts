/**
 * ROC analysis as R pROC 1.18 with `roc(outcome, scores, levels = c(0, 1), direction = "<")`: outcome 1 =
 * case, 0 = control, and higher scores mean "more likely a case". The ROC curve (pROC thresholds), the AUC
 * (Mann-Whitney, ties count ½), DeLong's variance and confidence interval, and DeLong's paired test of two
 * correlated ROC curves. Thresholds and per-threshold metrics are in `roc-thresholds.ts`.
 */
import { StatsInputError } from '../errors.ts';
import { normalCdf, normalQuantile } from './distributions.ts';
import { assertOutcomeAndScores, assertSameLength } from './validate.ts';

/** An empirical ROC curve: parallel arrays ordered by increasing threshold (decreasing sensitivity). */
export interface RocCurve {
  /** -Inf, the pROC midpoints between consecutive distinct scores, +Inf. */
  readonly thresholds: Float64Array;
  /** Fraction of cases with score >= threshold. */
  readonly sensitivities: Float64Array;
  /** Fraction of controls with score < threshold. */
  readonly specificities: Float64Array;
  readonly cases: number;
  readonly controls: number;
}

/** Sorted distinct scores with, for each, how many cases and controls hold it. */
interface DistinctScores {
  readonly values: Float64Array;
  readonly caseCounts: Int32Array;
  readonly controlCounts: Int32Array;
}

function distinctScores(outcome: ArrayLike<number>, scores: ArrayLike<number>): DistinctScores {
  const order = Array.from({ length: scores.length }, (_, i) => i).sort((a, b) => scores[a] - scores[b]);
  const values: number[] = [];
  const caseCounts: number[] = [];
  const controlCounts: number[] = [];
  for (const i of order) {
    const last = values.length - 1;
    if (last < 0 || values[last] !== scores[i]) {
      values.push(scores[i]);
      caseCounts.push(0);
      controlCounts.push(0);
    }
    if (outcome[i] === 1) caseCounts[values.length - 1]++;
    else controlCounts[values.length - 1]++;
  }
  return {
    values: Float64Array.from(values),
    caseCounts: Int32Array.from(caseCounts),
    controlCounts: Int32Array.from(controlCounts),
  };
}

/**
 * pROC's thresholds (`roc.utils.thresholds`): for sorted distinct scores s_1 < ... < s_u, the values
 * -Inf, (s_k + s_{k+1})/2, +Inf (as s_k/2 + s_{k+1}/2 when |midpoint| > 1e100). A midpoint that rounds
 * onto a score equal to the lower neighbour s_k is moved to the upper one s_{k+1} (direction "<").
 */
export function rocThresholds(distinct: ArrayLike<number>): Float64Array {
  const u = distinct.length;
  const t = new Float64Array(u + 1);
  t[0] = -Infinity;
  t[u] = Infinity;
  for (let k = 1; k < u; k++) {
    const lo = distinct[k - 1];
    const hi = distinct[k];
    let mid = (lo + hi) / 2;
    if (Math.abs(mid) > 1e100) mid = lo / 2 + hi / 2;
    t[k] = mid === lo ? hi : mid;
  }
  return t;
}

/**
 * The empirical ROC curve at pROC's thresholds. A subject is called positive when score >= threshold
 * (pROC `roc.utils.perfs`, direction "<"); at the midpoint thresholds `>` and `>=` coincide.
 * sensitivity = TP/(TP+FN), specificity = TN/(TN+FP). Source: pROC 1.18 `roc.default`.
 */
export function rocCurve(outcome: ArrayLike<number>, scores: ArrayLike<number>): RocCurve {
  const { cases, controls } = assertOutcomeAndScores(outcome, scores);
  const d = distinctScores(outcome, scores);
  const u = d.values.length;
  const thresholds = rocThresholds(d.values);
  const sensitivities = new Float64Array(u + 1);
  const specificities = new Float64Array(u + 1);
  // At threshold k (0-based) a subject is positive iff its score >= distinct[k] (k = u: none).
  let tp = 0;
  let fp = 0;
  for (let k = u; k >= 0; k--) {
    if (k < u) {
      tp += d.caseCounts[k];
      fp += d.controlCounts[k];
    }
    sensitivities[k] = tp / cases;
    specificities[k] = (controls - fp) / controls;
  }
  return { thresholds, sensitivities, specificities, cases, controls };
}

/** DeLong structural components (placements). */
export interface DeLongPlacements {
  /** AUC = mean of `casePlacements` = mean of `controlPlacements`. */
  readonly auc: number;
  /** V10_i = [#controls < X_i + ½ #controls = X_i] / n for each case X_i (pROC `X`). */
  readonly casePlacements: Float64Array;
  /** V01_j = [#cases > Y_j + ½ #cases = Y_j] / m for each control Y_j (pROC `Y`). */
  readonly controlPlacements: Float64Array;
}

/** First index in sorted `a` whose value is >= v (`strict` false) or > v (`strict` true). */
function bound(a: Float64Array, v: number, strict: boolean): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (strict ? a[mid] <= v : a[mid] < v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * DeLong placements with ψ(x, y) = 1 if x > y, ½ if x = y, 0 otherwise (DeLong, DeLong & Clarke-Pearson 1988;
 * pROC `delongPlacements`). Computed by binary search in the sorted scores of the other class, O(N log N).
 */
export function delongPlacements(outcome: ArrayLike<number>, scores: ArrayLike<number>): DeLongPlacements {
  const { cases: m, controls: n } = assertOutcomeAndScores(outcome, scores);
  const caseScores = new Float64Array(m);
  const controlScores = new Float64Array(n);
  for (let i = 0, a = 0, b = 0; i < scores.length; i++) {
    if (outcome[i] === 1) caseScores[a++] = scores[i];
    else controlScores[b++] = scores[i];
  }
  const sortedCases = caseScores.slice().sort();
  const sortedControls = controlScores.slice().sort();
  const casePlacements = caseScores.map((x) => {
    const below = bound(sortedControls, x, false);
    return (below + 0.5 * (bound(sortedControls, x, true) - below)) / n;
  });
  const controlPlacements = controlScores.map((y) => {
    const atOrBelow = bound(sortedCases, y, true);
    return (m - atOrBelow + 0.5 * (atOrBelow - bound(sortedCases, y, false))) / m;
  });
  let sum = 0;
  for (const v of casePlacements) sum += v;
  return { auc: sum / m, casePlacements, controlPlacements };
}

/**
 * Area under the ROC curve, AUC = P(X_case > Y_control) + ½ P(X_case = Y_control) (Mann-Whitney U / (m n)),
 * equal to pROC's trapezoidal `auc(roc)`.
 */
export function rocAuc(outcome: ArrayLike<number>, scores: ArrayLike<number>): number {
  return delongPlacements(outcome, scores).auc;
}

/** AUC with DeLong variance and confidence interval. */
export interface AucWithCi {
  readonly auc: number;
  /** Var(AUC) = S10/m + S01/n. */
  readonly variance: number;
  readonly standardError: number;
  /** Lower CI bound, clipped at 0. */
  readonly lower: number;
  /** Upper CI bound, clipped at 1. */
  readonly upper: number;
  readonly confLevel: number;
}

/** Σ (v_i - c)(w_i - c') / (len - 1). */
function covariance(v: Float64Array, cv: number, w: Float64Array, cw: number): number {
  let s = 0;
  for (let i = 0; i < v.length; i++) s += (v[i] - cv) * (w[i] - cw);
  return s / (v.length - 1);
}

function assertDeLongSizes(p: DeLongPlacements): void {
  if (p.casePlacements.length < 2 || p.controlPlacements.length < 2) {
    throw new StatsInputError(
      'too-few-observations',
      `DeLong's variance needs at least 2 cases and 2 controls, got ${p.casePlacements.length} and ${p.controlPlacements.length}`,
    );
  }
}

/**
 * AUC with DeLong's variance and CI (pROC `var(roc)` and `ci.auc(roc, method = "delong")`).
 * S10 = Σ (V10_i - AUC)² / (m - 1), S01 = Σ (V01_j - AUC)² / (n - 1), Var = S10/m + S01/n,
 * CI = AUC ± z_{1-α/2} √Var, clipped to [0, 1] as pROC does. Source: DeLong et al., Biometrics 44:837 (1988).
 */
export function aucDeLong(
  outcome: ArrayLike<number>,
  scores: ArrayLike<number>,
  confLevel = 0.95,
): AucWithCi {
  assertConfLevel(confLevel);
  const p = delongPlacements(outcome, scores);
  assertDeLongSizes(p);
  const variance =
    covariance(p.casePlacements, p.auc, p.casePlacements, p.auc) / p.casePlacements.length +
    covariance(p.controlPlacements, p.auc, p.controlPlacements, p.auc) / p.controlPlacements.length;
  const se = Math.sqrt(variance);
  const z = normalQuantile(1 - (1 - confLevel) / 2);
  return {
    auc: p.auc,
    variance,
    standardError: se,
    lower: Math.max(0, p.auc - z * se),
    upper: Math.min(1, p.auc + z * se),
    confLevel,
  };
}

/** Result of DeLong's test for two correlated (paired) ROC curves. */
export interface DeLongPairedTest {
  readonly auc1: number;
  readonly auc2: number;
  /** auc1 - auc2. */
  readonly difference: number;
  readonly standardError: number;
  readonly z: number;
  /** Two-sided p = 2 Φ(-|z|). */
  readonly pValue: number;
  /** CI of the difference, difference ± z_{1-α/2} SE (not clipped). */
  readonly lower: number;
  readonly upper: number;
  readonly confLevel: number;
}

/**
 * DeLong's test of two correlated ROC curves on the same subjects (pROC `roc.test(r1, r2, method = "delong",
 * paired = TRUE)`): S = S10/m + S01/n with S10, S01 the 2 x 2 covariance matrices (denominators m-1, n-1) of
 * the case and control placements of both scores; SE = √(L S L'), L = (1, -1); z = (AUC1 - AUC2)/SE (0 when
 * both are 0). Source: DeLong et al. (1988) §3; pROC `delong.paired.calculations`.
 */
export function delongPairedTest(
  outcome: ArrayLike<number>,
  scores1: ArrayLike<number>,
  scores2: ArrayLike<number>,
  confLevel = 0.95,
): DeLongPairedTest {
  assertConfLevel(confLevel);
  assertSameLength(scores1, 'scores1', scores2, 'scores2');
  const a = delongPlacements(outcome, scores1);
  const b = delongPlacements(outcome, scores2);
  assertDeLongSizes(a);
  const m = a.casePlacements.length;
  const n = a.controlPlacements.length;
  const part = (va: Float64Array, vb: Float64Array): number =>
    covariance(va, a.auc, va, a.auc) -
    2 * covariance(va, a.auc, vb, b.auc) +
    covariance(vb, b.auc, vb, b.auc);
  const variance =
    part(a.casePlacements, b.casePlacements) / m + part(a.controlPlacements, b.controlPlacements) / n;
  const se = Math.sqrt(variance);
  const difference = a.auc - b.auc;
  const z = difference === 0 && se === 0 ? 0 : difference / se;
  const crit = normalQuantile(1 - (1 - confLevel) / 2);
  return {
    auc1: a.auc,
    auc2: b.auc,
    difference,
    standardError: se,
    z,
    pValue: 2 * normalCdf(-Math.abs(z)),
    lower: difference - crit * se,
    upper: difference + crit * se,
    confLevel,
  };
}

function assertConfLevel(confLevel: number): void {
  if (!(confLevel > 0 && confLevel < 1)) {
    throw new StatsInputError('invalid-value', `confLevel must be in (0, 1), got ${confLevel}`);
  }
}

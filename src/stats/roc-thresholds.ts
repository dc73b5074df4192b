/**
 * Operating points of a score: the Youden-optimal threshold of a ROC curve (pROC `coords(roc, "best",
 * best.method = "youden")`) and the confusion-matrix metrics at a given threshold (pROC `coords(roc, x =
 * threshold, input = "threshold")`).
 */
import { StatsInputError } from '../errors.ts';
import { rocCurve } from './roc.ts';
import { assertOutcomeAndScores } from './validate.ts';

/** One point of a ROC curve. */
export interface RocPoint {
  readonly threshold: number;
  readonly sensitivity: number;
  readonly specificity: number;
}

/** The Youden-optimal operating point, with every threshold that ties for the maximum. */
export interface YoudenResult extends RocPoint {
  /** Youden's J = sensitivity + specificity - 1 (pROC's `youden` column is J + 1). */
  readonly youdenIndex: number;
  /** All thresholds whose sensitivity + specificity equals the maximum, by increasing threshold (pROC's rows). */
  readonly ties: readonly RocPoint[];
  /** The rule that picked `threshold` among `ties`. */
  readonly tieRule: 'lowest-threshold';
}

/**
 * Youden-optimal threshold: maximise J = sensitivity + specificity - 1 over the ROC curve's thresholds
 * (including ±Inf, as pROC). Ties are exact floating-point equality of se + sp, as pROC, which returns all
 * of them; the chosen point is the **lowest tied threshold** (pROC's first row, the highest sensitivity).
 * Source: Youden, Cancer 3:32 (1950); pROC 1.18 `coords` with `best.weights = c(1, 0.5)`.
 */
export function youdenThreshold(outcome: ArrayLike<number>, scores: ArrayLike<number>): YoudenResult {
  const roc = rocCurve(outcome, scores);
  let best = -Infinity;
  for (let k = 0; k < roc.thresholds.length; k++) {
    best = Math.max(best, roc.sensitivities[k] + roc.specificities[k]);
  }
  const ties: RocPoint[] = [];
  for (let k = 0; k < roc.thresholds.length; k++) {
    if (roc.sensitivities[k] + roc.specificities[k] === best) {
      ties.push({
        threshold: roc.thresholds[k],
        sensitivity: roc.sensitivities[k],
        specificity: roc.specificities[k],
      });
    }
  }
  const chosen = ties[0];
  return { ...chosen, youdenIndex: best - 1, ties, tieRule: 'lowest-threshold' };
}

/** Confusion matrix and derived metrics at one threshold. */
export interface ThresholdMetrics {
  readonly threshold: number;
  readonly tp: number;
  readonly fp: number;
  readonly tn: number;
  readonly fn: number;
  /** TP / (TP + FN). */
  readonly sensitivity: number;
  /** TN / (TN + FP). */
  readonly specificity: number;
  /** TP / (TP + FP); NaN when nothing is called positive (as pROC). */
  readonly ppv: number;
  /** TN / (TN + FN); NaN when nothing is called negative (as pROC). */
  readonly npv: number;
  /** (TP + TN) / N. */
  readonly accuracy: number;
}

/**
 * Metrics at a fixed threshold: a subject is called positive when score >= threshold (pROC's rule for
 * direction "<"; with a threshold taken from pROC's midpoints, `>` and `>=` agree). Use the **training**
 * Youden threshold on a test set, as the study does. sensitivity = TP/(TP+FN), specificity = TN/(TN+FP),
 * PPV = TP/(TP+FP), NPV = TN/(TN+FN), accuracy = (TP+TN)/N. Source: pROC 1.18 `roc.utils.calc.coords`.
 */
export function thresholdMetrics(
  outcome: ArrayLike<number>,
  scores: ArrayLike<number>,
  threshold: number,
): ThresholdMetrics {
  assertOutcomeAndScores(outcome, scores);
  if (Number.isNaN(threshold)) {
    throw new StatsInputError('non-finite-value', 'threshold is NaN; pass a number (±Infinity allowed)');
  }
  let tp = 0;
  let fp = 0;
  let tn = 0;
  let fn = 0;
  for (let i = 0; i < scores.length; i++) {
    const positive = scores[i] >= threshold;
    if (outcome[i] === 1) {
      if (positive) tp++;
      else fn++;
    } else if (positive) fp++;
    else tn++;
  }
  return {
    threshold,
    tp,
    fp,
    tn,
    fn,
    sensitivity: tp / (tp + fn),
    specificity: tn / (tn + fp),
    ppv: tp / (tp + fp),
    npv: tn / (tn + fn),
    accuracy: (tp + tn) / scores.length,
  };
}

/**
 * Metrics of one model's probabilities on the training set and, when there is one, the test set, at the
 * threshold maximising Youden's J on the training set (the study's rule): AUC with DeLong 95 % CI, accuracy,
 * sensitivity, specificity, PPV, NPV, Hosmer-Lemeshow (g = 10) and Brier score; plus the ROC curve.
 */
import { StatsInputError } from '../errors.ts';
import { brierScore, hosmerLemeshow } from '../stats/calibration.ts';
import { aucDeLong, rocCurve } from '../stats/roc.ts';
import { thresholdMetrics, youdenThreshold } from '../stats/roc-thresholds.ts';
import type { ArtifactMetrics } from './artifact.ts';

/** Parallel arrays of a ROC curve (specificity ascending in threshold order as pROC). */
export interface RocArrays {
  readonly specificity: number[];
  readonly sensitivity: number[];
}

const finiteOrNull = (v: number): number | null => (Number.isFinite(v) ? v : null);

/** Metrics of scores `p` against `y` at `threshold` (probabilities get Hosmer-Lemeshow and Brier). */
function metricsAt(y: Float64Array, p: Float64Array, threshold: number): ArtifactMetrics {
  const ci = aucDeLong(y, p);
  const m = thresholdMetrics(y, p, threshold);
  const probabilities = p.every((v) => v >= 0 && v <= 1);
  let hl: ArtifactMetrics['hosmerLemeshow'] = null;
  if (probabilities) {
    try {
      const h = hosmerLemeshow(y, p);
      hl = Number.isFinite(h.pValue) ? { statistic: h.statistic, df: h.df, p: h.pValue } : null;
    } catch (e) {
      // Too few distinct predictions for g = 10 groups (a small test set): reported as not computed.
      if (!(e instanceof StatsInputError)) throw e;
      hl = null;
    }
  }
  return {
    n: y.length,
    events: y.reduce((s, v) => s + v, 0),
    auc: ci.auc,
    aucCi: [ci.lower, ci.upper],
    threshold,
    accuracy: m.accuracy,
    sensitivity: m.sensitivity,
    specificity: m.specificity,
    ppv: finiteOrNull(m.ppv),
    npv: finiteOrNull(m.npv),
    hosmerLemeshow: hl,
    brier: probabilities ? brierScore(y, p) : null,
  };
}

/** Train and test metrics with the training Youden threshold applied to both. */
export function trainTestMetrics(
  yTrain: Float64Array,
  pTrain: Float64Array,
  yTest: Float64Array | null,
  pTest: Float64Array | null,
): { train: ArtifactMetrics; test: ArtifactMetrics | null } {
  const t = youdenThreshold(yTrain, pTrain).threshold;
  const threshold = Number.isFinite(t) ? t : 0.5;
  return {
    train: metricsAt(yTrain, pTrain, threshold),
    test: yTest && pTest ? metricsAt(yTest, pTest, threshold) : null,
  };
}

/** A ROC curve as plain arrays (the ±Inf end points are kept as their sensitivities/specificities). */
export function rocArrays(y: Float64Array, p: Float64Array): RocArrays {
  const r = rocCurve(y, p);
  return { specificity: Array.from(r.specificities), sensitivity: Array.from(r.sensitivities) };
}

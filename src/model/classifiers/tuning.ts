/**
 * Hyper-parameter tuning by seeded stratified k-fold cross-validation on the training rows only: for each
 * setting of a grid, the mean over folds of the held-out AUC (sklearn `GridSearchCV(scoring='roc_auc')`);
 * the best mean wins, ties going to the earlier setting; the winner is refitted on all training rows.
 */
import { rocAuc } from '../../stats/roc.ts';
import { createRng } from '../../stats/random.ts';
import { assertTrainingData } from './checks.ts';
import { splitFold, stratifiedFolds } from './folds.ts';
import { DEFAULT_GRIDS, createClassifier } from './registry.ts';
import type { Classifier, ClassifierName, FeatureRows, HyperParameters } from './types.ts';

/** Options of {@link tuneClassifier}. */
export interface TuningOptions {
  /** Folds (default 5, reduced to the size of the smaller class when that is smaller). */
  readonly folds?: number;
  readonly seed: number;
  /** Settings to try (default {@link DEFAULT_GRIDS}). */
  readonly grid?: readonly HyperParameters[];
}

/** One setting's cross-validated AUC. */
export interface TuningScore {
  readonly params: HyperParameters;
  readonly meanAuc: number;
}

/** The tuned, refitted classifier and the scores of every setting tried. */
export interface TuningResult {
  readonly classifier: Classifier;
  readonly params: HyperParameters;
  readonly cvAuc: number;
  readonly scores: readonly TuningScore[];
}

/** Tunes and fits classifier `name` on rows `x`, outcomes `y` (see the module comment). */
export function tuneClassifier(
  name: ClassifierName,
  x: FeatureRows,
  y: ArrayLike<number>,
  options: TuningOptions,
): TuningResult {
  assertTrainingData(x, y, name);
  const labels = Array.from(y);
  const events = labels.reduce((s, v) => s + v, 0);
  const k = Math.min(options.folds ?? 5, events, labels.length - events);
  const fold = stratifiedFolds(labels, Math.max(2, k), createRng(options.seed));
  const grid = options.grid ?? DEFAULT_GRIDS[name];
  const rows = Array.from(x);
  const scores = grid.map((params): TuningScore => {
    let sum = 0;
    let count = 0;
    for (let f = 0; f <= Math.max(...fold); f++) {
      const model = createClassifier(name, params, options.seed);
      model.fit(splitFold(rows, fold, f, false), splitFold(labels, fold, f, false));
      const held = splitFold(labels, fold, f, true);
      if (!held.includes(0) || !held.includes(1)) continue;
      sum += rocAuc(held, model.predictProba(splitFold(rows, fold, f, true)));
      count++;
    }
    return { params, meanAuc: sum / count };
  });
  let best = 0;
  scores.forEach((s, i) => {
    if (s.meanAuc > scores[best].meanAuc) best = i;
  });
  const classifier = createClassifier(name, scores[best].params, options.seed);
  classifier.fit(rows, labels);
  return { classifier, params: scores[best].params, cvAuc: scores[best].meanAuc, scores };
}

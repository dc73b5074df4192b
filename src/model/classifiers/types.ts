/**
 * The common shape of the study's seven classifiers: fit on training rows, predict the probability of the
 * event (class 1), serialise to a tagged JSON document and back. Rows are feature vectors already
 * preprocessed by the pipeline (median imputation, capping, z-scores from the training rows), so no
 * classifier scales its inputs again (sklearn's `StandardScaler` refitted on z-scored training rows is the
 * identity).
 */

/** The seven classifier names, in the order of the study's Table 2. */
export const CLASSIFIER_NAMES = [
  'logistic-regression',
  'knn',
  'svm',
  'random-forest',
  'extra-trees',
  'gradient-boosting',
  'mlp',
] as const;

export type ClassifierName = (typeof CLASSIFIER_NAMES)[number];

/** Rows of feature values, one array per patient (all the same length). */
export type FeatureRows = readonly ArrayLike<number>[];

/** A hyper-parameter setting: named numbers (tree counts, penalties, neighbour counts ...). */
export type HyperParameters = Readonly<Record<string, number>>;

/** The JSON form of a fitted classifier; `format` and `version` tag it, `state` is the model's own. */
export interface ClassifierJson {
  readonly format: 'bonemet-classifier';
  readonly version: 1;
  readonly name: ClassifierName;
  readonly params: HyperParameters;
  readonly seed: number;
  readonly state: unknown;
}

/** A binary classifier of 0/1 outcomes. */
export interface Classifier {
  readonly name: ClassifierName;
  /** The hyper-parameters it was built with. */
  readonly params: HyperParameters;
  /** Fits on rows `x` and 0/1 outcomes `y` (replaces any previous fit). */
  fit(x: FeatureRows, y: ArrayLike<number>): void;
  /** Probability of class 1 for each row. Throws when called before {@link Classifier.fit}. */
  predictProba(x: FeatureRows): Float64Array;
  toJSON(): ClassifierJson;
}

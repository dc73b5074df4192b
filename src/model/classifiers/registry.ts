/**
 * The seven classifiers by name: construction, restoration from JSON (refusing a wrong tag, version or
 * name, naming the field), and the hyper-parameter grids tuned by cross-validation. Each grid lists the
 * sklearn default first, so that a tie in cross-validated AUC keeps the default.
 */
import { StatsInputError } from '../../errors.ts';
import { readObject } from './checks.ts';
import { ExtraTreesClassifier } from './extra-trees.ts';
import { GradientBoostingClassifier } from './gradient-boosting.ts';
import { KnnClassifier } from './knn.ts';
import { MlpClassifier } from './mlp.ts';
import { PenalisedLogisticClassifier } from './penalised-logistic.ts';
import { RandomForestClassifier } from './random-forest.ts';
import { SvmClassifier } from './svm.ts';
import { CLASSIFIER_NAMES } from './types.ts';
import type { Classifier, ClassifierName, HyperParameters } from './types.ts';

/** Hyper-parameter grids searched by {@link tuneClassifier}; the first entry is sklearn's default. */
export const DEFAULT_GRIDS: Readonly<Record<ClassifierName, readonly HyperParameters[]>> = {
  'logistic-regression': [{ C: 1 }, { C: 0.1 }, { C: 10 }, { C: 0.01 }],
  knn: [{ k: 5 }, { k: 3 }, { k: 7 }, { k: 9 }, { k: 11 }],
  svm: [{ C: 1 }, { C: 0.1 }, { C: 10 }],
  'random-forest': [{ minSamplesSplit: 2 }, { minSamplesSplit: 5 }, { minSamplesSplit: 10 }],
  'extra-trees': [{ minSamplesLeaf: 1 }, { minSamplesLeaf: 3 }, { minSamplesLeaf: 5 }],
  'gradient-boosting': [
    { learningRate: 0.1, maxDepth: 3 },
    { learningRate: 0.05, maxDepth: 2 },
    { learningRate: 0.1, maxDepth: 1 },
  ],
  mlp: [{ alpha: 1e-4 }, { alpha: 1e-4, learningRate: 0.01 }, { alpha: 1, learningRate: 0.01 }],
};

/** True when `name` is one of {@link CLASSIFIER_NAMES}. */
function isClassifierName(name: unknown): name is ClassifierName {
  return typeof name === 'string' && (CLASSIFIER_NAMES as readonly string[]).includes(name);
}

/** A new, unfitted classifier. */
export function createClassifier(name: ClassifierName, params: HyperParameters = {}, seed = 1): Classifier {
  switch (name) {
    case 'logistic-regression':
      return new PenalisedLogisticClassifier(params, seed);
    case 'knn':
      return new KnnClassifier(params, seed);
    case 'svm':
      return new SvmClassifier(params, seed);
    case 'random-forest':
      return new RandomForestClassifier(params, seed);
    case 'extra-trees':
      return new ExtraTreesClassifier(params, seed);
    case 'gradient-boosting':
      return new GradientBoostingClassifier(params, seed);
    case 'mlp':
      return new MlpClassifier(params, seed);
  }
}

function readParams(value: unknown): HyperParameters {
  const o = readObject(value, 'params');
  for (const [k, v] of Object.entries(o)) {
    if (typeof v !== 'number' || !Number.isFinite(v)) {
      throw new StatsInputError(
        'invalid-value',
        `params.${k} must be a finite number, got ${JSON.stringify(v)}`,
      );
    }
  }
  return Object.fromEntries(Object.entries(o).filter((e): e is [string, number] => typeof e[1] === 'number'));
}

/**
 * Restores a fitted classifier from {@link Classifier.toJSON} output. Throws {@link StatsInputError} naming
 * the field when `format` is not 'bonemet-classifier', `version` not 1, `name` unknown, or the state malformed.
 */
export function classifierFromJSON(json: unknown): Classifier {
  const o = readObject(json, 'classifier');
  if (o.format !== 'bonemet-classifier') {
    throw new StatsInputError(
      'invalid-value',
      `format must be 'bonemet-classifier', got ${JSON.stringify(o.format)}`,
    );
  }
  if (o.version !== 1)
    throw new StatsInputError('invalid-value', `version must be 1, got ${JSON.stringify(o.version)}`);
  if (!isClassifierName(o.name)) {
    throw new StatsInputError(
      'invalid-value',
      `name must be one of ${CLASSIFIER_NAMES.join(', ')}, got ${JSON.stringify(o.name)}`,
    );
  }
  const seed = typeof o.seed === 'number' && Number.isInteger(o.seed) ? o.seed : NaN;
  if (Number.isNaN(seed))
    throw new StatsInputError('invalid-value', `seed must be an integer, got ${JSON.stringify(o.seed)}`);
  const params = readParams(o.params);
  switch (o.name) {
    case 'logistic-regression':
      return PenalisedLogisticClassifier.fromState(params, seed, o.state);
    case 'knn':
      return KnnClassifier.fromState(params, seed, o.state);
    case 'svm':
      return SvmClassifier.fromState(params, seed, o.state);
    case 'random-forest':
      return RandomForestClassifier.fromState(params, seed, o.state);
    case 'extra-trees':
      return ExtraTreesClassifier.fromState(params, seed, o.state);
    case 'gradient-boosting':
      return GradientBoostingClassifier.fromState(params, seed, o.state);
    case 'mlp':
      return MlpClassifier.fromState(params, seed, o.state);
  }
}

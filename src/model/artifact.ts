/**
 * The model artifact (DESIGN §8): everything needed to score a patient (selected feature names, the
 * training-fitted preprocessing, the Rad-score coefficients, the nomogram and the risk categories) and
 * everything a reader needs to judge the model (intended use, training data with `synthetic`, metrics with
 * DeLong CIs, Hosmer-Lemeshow, calibration, ROC and decision curves). It is JSON, tagged with `format` and
 * `schemaVersion`, and validated field by field at load: a wrong tag, version or field throws
 * {@link ModelArtifactError} naming the field.
 */
import { ModelArtifactError } from '../errors.ts';
import {
  arr,
  bool,
  either,
  int,
  literal,
  nullable,
  num,
  numOrNull,
  obj,
  oneOf,
  pair,
  str,
} from './schema.ts';
import type { Infer } from './schema.ts';

/** The format tag every artifact carries. */
export const ARTIFACT_FORMAT = 'bonemet-model';
/** The schema version this code reads and writes. */
export const ARTIFACT_SCHEMA_VERSION = 1;

const capping = either(
  obj({ method: literal('none') }),
  either(
    obj({ method: literal('sd'), k: num }),
    obj({ method: literal('percentile'), lower: num, upper: num }),
  ),
);

const scalerColumn = obj({
  name: str,
  median: num,
  lower: nullable(num),
  upper: nullable(num),
  mean: num,
  sd: num,
  imputed: int,
  capped: int,
});

const numericSpec = obj({
  kind: literal('numeric'),
  name: str,
  coefficient: num,
  values: arr(num),
});
const factorSpec = obj({
  kind: literal('factor'),
  name: str,
  levels: arr(str),
  coefficients: arr(num),
});

const tick = obj({ value: either(num, str), linearPredictor: num, points: num });
const chart = obj({
  intercept: num,
  maxScale: num,
  pointsPerUnit: num,
  linearPredictorAtZero: num,
  terms: arr(
    obj({
      name: str,
      kind: oneOf(['numeric', 'factor'] as const),
      ticks: arr(tick),
      minLinearPredictor: num,
      maxLinearPredictor: num,
    }),
  ),
  totalPointsTicks: arr(num),
  linearPredictorTicks: arr(obj({ value: num, points: num })),
  riskTicks: arr(obj({ risk: num, points: num })),
});

const metricSet = obj({
  n: int,
  events: int,
  auc: num,
  aucCi: pair(num),
  threshold: num,
  accuracy: num,
  sensitivity: num,
  specificity: num,
  ppv: numOrNull,
  npv: numOrNull,
  hosmerLemeshow: nullable(obj({ statistic: num, df: num, p: num })),
  brier: nullable(num),
});

const classifierRow = obj({
  model: str,
  params: arr(obj({ name: str, value: num })),
  cvAuc: num,
  train: metricSet,
  test: nullable(metricSet),
});

const calibrationPoint = obj({ lower: num, upper: num, n: int, meanPredicted: num, observedRate: num });
const rocCurve = obj({ specificity: arr(num), sensitivity: arr(num) });
const dcaCurve = obj({ thresholds: arr(num), model: arr(num), treatAll: arr(num) });
const perSet = <T>(s: (v: unknown, p: string) => T) => obj({ train: s, test: nullable(s) });

/** The artifact schema (see the module comment). */
const modelArtifactSchema = obj({
  format: literal(ARTIFACT_FORMAT),
  schemaVersion: literal(ARTIFACT_SCHEMA_VERSION),
  id: str,
  version: str,
  created: str,
  intendedUse: str,
  disclaimer: str,
  trainingData: obj({
    description: str,
    synthetic: bool,
    n: int,
    events: int,
    trainRows: int,
    testRows: int,
    sites: arr(str),
    seed: int,
  }),
  radiomics: obj({ params: str, featureCount: int }),
  selection: obj({ pearsonThreshold: num, afterPearson: int, mrmrK: int, mrmr: arr(str) }),
  features: arr(str),
  scaler: obj({ capping, standardise: bool, columns: arr(scalerColumn) }),
  radScore: obj({
    model: literal('logistic-regression'),
    penalty: literal('l2'),
    C: num,
    intercept: num,
    coefficients: arr(num),
    bestTestAucModel: str,
  }),
  nomogram: obj({
    terms: arr(either(numericSpec, factorSpec)),
    intercept: num,
    stepwise: arr(str),
    chart,
  }),
  thresholds: obj({
    radScoreYouden: num,
    categories: arr(obj({ label: str, fromProbability: num })),
  }),
  metrics: obj({ classifiers: arr(classifierRow), radScore: perSet(metricSet), nomogram: perSet(metricSet) }),
  calibration: perSet(arr(calibrationPoint)),
  curves: obj({
    roc: obj({ radScore: perSet(rocCurve), nomogram: perSet(rocCurve) }),
    dca: perSet(dcaCurve),
  }),
});

/** A validated model artifact. */
export type ModelArtifact = Infer<typeof modelArtifactSchema>;
/** One nomogram term of an artifact. */
export type ArtifactTerm = ModelArtifact['nomogram']['terms'][number];
/** Metrics of one model on one set. */
export type ArtifactMetrics = Infer<typeof metricSet>;
/** One row of Table 2 as stored. */
export type ArtifactClassifierRow = Infer<typeof classifierRow>;

/**
 * Validates parsed JSON as a model artifact. The tag and version are checked first, so a file of another
 * kind or a newer schema says so rather than listing a field; then every field, naming the first bad one.
 */
export function parseModelArtifact(json: unknown): ModelArtifact {
  const head = typeof json === 'object' && json !== null ? Object.fromEntries(Object.entries(json)) : {};
  if (head.format !== ARTIFACT_FORMAT) {
    throw new ModelArtifactError(
      'wrong-format',
      `format must be '${ARTIFACT_FORMAT}', got ${JSON.stringify(head.format)}: this is not a BoneMet model artifact`,
    );
  }
  if (head.schemaVersion !== ARTIFACT_SCHEMA_VERSION) {
    throw new ModelArtifactError(
      'unsupported-version',
      `schemaVersion ${JSON.stringify(head.schemaVersion)} is not supported (this version reads ${ARTIFACT_SCHEMA_VERSION}); retrain or upgrade`,
    );
  }
  const a = modelArtifactSchema(json, 'artifact');
  if (a.radScore.coefficients.length !== a.features.length) {
    throw new ModelArtifactError(
      'invalid-field',
      `artifact.radScore.coefficients must have one value per feature (${a.features.length})`,
    );
  }
  const scaled = a.scaler.columns.map((c) => c.name);
  const missing = a.features.find((f) => !scaled.includes(f));
  if (missing !== undefined) {
    throw new ModelArtifactError(
      'invalid-field',
      `artifact.scaler.columns has no entry for feature '${missing}'`,
    );
  }
  a.nomogram.terms.forEach((t, i) => {
    if (t.kind === 'factor' && t.levels.length !== t.coefficients.length) {
      throw new ModelArtifactError(
        'invalid-field',
        `artifact.nomogram.terms[${i}] needs one coefficient per level`,
      );
    }
  });
  return a;
}

/**
 * The study's training pipeline (DESIGN §9), pure and deterministic under a seed:
 * preprocessing fitted on the training rows (median imputation, ±3 SD capping, z-scores; constant columns
 * dropped) -> Pearson filter |r| > 0.90 -> mRMR (FCQ) top 20 -> the seven classifiers, each tuned by
 * stratified 5-fold cross-validation on the training rows -> Table 2 (threshold = Youden on train, applied
 * to test) -> the Rad-score = linear predictor of the logistic model (as the study) -> clinical model by
 * stepwise AIC on Rad-score + clinical variables (Rad-score kept) -> nomogram -> calibration, ROC, DCA ->
 * the model artifact and Table 1.
 */
import { StatsInputError } from '../errors.ts';
import { calibrationCurve } from '../stats/calibration.ts';
import { decisionCurve } from '../stats/dca.ts';
import { youdenThreshold } from '../stats/roc-thresholds.ts';
import { createRng } from '../stats/random.ts';
import { ARTIFACT_FORMAT, ARTIFACT_SCHEMA_VERSION } from './artifact.ts';
import type { ArtifactClassifierRow, ModelArtifact } from './artifact.ts';
import { logitInverse } from './binomial-family.ts';
import { PenalisedLogisticClassifier } from './classifiers/penalised-logistic.ts';
import { stratifiedFolds } from './classifiers/folds.ts';
import { tuneClassifier } from './classifiers/tuning.ts';
import { CLASSIFIER_NAMES } from './classifiers/types.ts';
import { table1 } from './clinical-table.ts';
import type { ClinicalVariable, Table1Row } from './clinical-table.ts';
import { clinicalNomogramModel, nomogramProbabilities } from './clinical-model.ts';
import { buildNomogram } from './nomogram.ts';
import { fitPreprocessor } from './preprocess.ts';
import { mrmrFcq, pearsonFilter } from './selection.ts';
import type { ColumnTable } from './table.ts';
import { rocArrays, trainTestMetrics } from './training-metrics.ts';

/** Inputs of {@link trainStudyModel}. */
export interface TrainingInput {
  /** Radiomic features, one column per feature, rows aligned with `y`. */
  readonly features: ColumnTable;
  readonly clinical: readonly ClinicalVariable[];
  readonly y: Float64Array;
  /** true for test rows; null to draw a seeded stratified 80/20 split. */
  readonly isTest: readonly boolean[] | null;
  readonly seed: number;
  /** Artifact metadata. */
  readonly meta: {
    readonly id: string;
    readonly version: string;
    readonly created: string;
    readonly synthetic: boolean;
    readonly description: string;
    readonly sites: readonly string[];
    readonly radiomicsParams: string;
  };
  /** Name of the outcome row of Table 1 (default 'outcome'). */
  readonly outcomeName?: string;
  readonly pearsonThreshold?: number;
  readonly mrmrK?: number;
  readonly onProgress?: (message: string) => void;
}

/** Result of {@link trainStudyModel}. */
export interface TrainingResult {
  readonly artifact: ModelArtifact;
  readonly table1: readonly Table1Row[];
  /** Per row: the split, the Rad-score and the nomogram probability (for figures). */
  readonly isTest: readonly boolean[];
  readonly y: Float64Array;
  readonly radScore: Float64Array;
  readonly probability: Float64Array;
}

const pick = (x: Float64Array, mask: readonly boolean[], want: boolean): Float64Array =>
  x.filter((_, i) => mask[i] === want);

/** A seeded stratified split: one fold of a stratified 5-fold assignment (about 20 % of each class) is the test set. */
export function drawSplit(y: ArrayLike<number>, seed: number): boolean[] {
  return Array.from(stratifiedFolds(y, 5, createRng(seed)), (f) => f === 0);
}

/** Runs the pipeline (see the module comment). */
export function trainStudyModel(input: TrainingInput): TrainingResult {
  const say = input.onProgress ?? ((): void => undefined);
  const n = input.y.length;
  const isTest =
    input.isTest ?? Array.from(stratifiedFolds(input.y, 5, createRng(input.seed)), (f) => f === 0);
  const trainIdx = isTest.flatMap((t, i) => (t ? [] : [i]));
  const testIdx = isTest.flatMap((t, i) => (t ? [i] : []));
  if (trainIdx.length < 10)
    throw new StatsInputError(
      'too-few-observations',
      `${trainIdx.length} training rows; at least 10 are needed`,
    );
  const yTrain = Float64Array.from(trainIdx, (i) => input.y[i]);
  const yTest = testIdx.length > 0 ? Float64Array.from(testIdx, (i) => input.y[i]) : null;
  const rowsOf = (idx: readonly number[]): ColumnTable => ({
    names: input.features.names,
    columns: input.features.columns.map((c) => idx.map((i) => c[i])),
  });

  say(`preprocessing ${input.features.names.length} features on ${trainIdx.length} training rows`);
  const pre = fitPreprocessor(rowsOf(trainIdx), { onDegenerateColumn: 'drop' });
  const zTrain = pre.apply(rowsOf(trainIdx));
  const zTest = testIdx.length > 0 ? pre.apply(rowsOf(testIdx)) : null;
  const pearsonThreshold = input.pearsonThreshold ?? 0.9;
  const kept = pearsonFilter(zTrain, pearsonThreshold).selected;
  say(`Pearson |r| > ${pearsonThreshold}: ${kept.length} of ${zTrain.names.length} features kept`);
  const k = Math.min(input.mrmrK ?? 20, kept.length);
  const keptTable = { names: kept, columns: kept.map((f) => zTrain.columns[zTrain.names.indexOf(f)]) };
  const selected = mrmrFcq(keptTable, yTrain, k).selected;
  say(`mRMR: ${selected.length} features selected`);
  const rowsFrom = (
    t: { names: readonly string[]; columns: readonly Float64Array[] },
    m: number,
  ): Float64Array[] => {
    const cols = selected.map((f) => t.columns[t.names.indexOf(f)]);
    return Array.from({ length: m }, (_, i) => Float64Array.from(cols, (c) => c[i]));
  };
  const xTrain = rowsFrom(zTrain, trainIdx.length);
  const xTest = zTest ? rowsFrom(zTest, testIdx.length) : null;

  const rows: ArtifactClassifierRow[] = [];
  let logistic: PenalisedLogisticClassifier | undefined;
  for (const name of CLASSIFIER_NAMES) {
    say(`classifier ${name}: tuning by 5-fold cross-validation`);
    const tuned = tuneClassifier(name, xTrain, yTrain, { seed: input.seed });
    if (tuned.classifier instanceof PenalisedLogisticClassifier) logistic = tuned.classifier;
    const pTrain = tuned.classifier.predictProba(xTrain);
    const pTest = xTest ? tuned.classifier.predictProba(xTest) : null;
    const m = trainTestMetrics(yTrain, pTrain, yTest, pTest);
    rows.push({
      model: name,
      params: Object.entries(tuned.params).map(([key, value]) => ({ name: key, value })),
      cvAuc: tuned.cvAuc,
      ...m,
    });
  }
  if (logistic === undefined)
    throw new StatsInputError('empty-input', 'the logistic classifier was not fitted');
  const best = rows.reduce((b, r) => ((r.test?.auc ?? r.cvAuc) > (b.test?.auc ?? b.cvAuc) ? r : b), rows[0]);
  say(`best test AUC: ${best.model}; Rad-score = logistic linear predictor`);

  const radScore = new Float64Array(n);
  const lpTrain = logistic.linearPredictor(xTrain);
  trainIdx.forEach((i, r) => (radScore[i] = lpTrain[r]));
  if (xTest) {
    const lpTest = logistic.linearPredictor(xTest);
    testIdx.forEach((i, r) => (radScore[i] = lpTest[r]));
  }

  say(`clinical model: stepwise AIC over Rad-score + ${input.clinical.length} clinical variables`);
  const { step, specs, aliased } = clinicalNomogramModel(radScore, input.clinical, isTest, yTrain);
  for (const a of aliased) say(`clinical model: ${a.reason}`);
  const intercept = step.fit.estimates[0];
  const chart = buildNomogram(intercept, specs, step.fit.linearPredictor);
  const probability = nomogramProbabilities(intercept, specs, radScore, input.clinical);

  const pTrain = pick(probability, isTest, false);
  const pTest = yTest ? pick(probability, isTest, true) : null;
  const radTrain = pick(radScore, isTest, false);
  const radTest = yTest ? pick(radScore, isTest, true) : null;
  const nomoMetrics = trainTestMetrics(yTrain, pTrain, yTest, pTest);
  const radMetrics = trainTestMetrics(
    yTrain,
    radTrain.map(logitInverse),
    yTest,
    radTest?.map(logitInverse) ?? null,
  );
  const dca = (y: Float64Array, p: Float64Array) => {
    const d = decisionCurve(y, p);
    return {
      thresholds: Array.from(d.thresholds),
      model: Array.from(d.netBenefitModel),
      treatAll: Array.from(d.netBenefitAll),
    };
  };
  const cutoff = youdenThreshold(yTrain, pTrain).threshold;
  const radCut = youdenThreshold(yTrain, radTrain).threshold;
  const { estimates } = logistic;
  const events = input.y.reduce((s, v) => s + v, 0);
  const artifact: ModelArtifact = {
    format: ARTIFACT_FORMAT,
    schemaVersion: ARTIFACT_SCHEMA_VERSION,
    id: input.meta.id,
    version: input.meta.version,
    created: input.meta.created,
    intendedUse:
      'Estimate the 5-year risk of bone metastasis of a woman with breast cancer from the marrow radiomics of the 6th thoracic vertebra on a non-contrast chest CT and her receptor status, to support the decision on follow-up imaging (PET-CT). Not a diagnosis.',
    disclaimer: input.meta.synthetic
      ? 'demonstration model, synthetic data, not for clinical use'
      : 'research model; validate locally before clinical use',
    trainingData: {
      description: input.meta.description,
      synthetic: input.meta.synthetic,
      n,
      events,
      trainRows: trainIdx.length,
      testRows: testIdx.length,
      sites: [...input.meta.sites],
      seed: input.seed,
    },
    radiomics: { params: input.meta.radiomicsParams, featureCount: input.features.names.length },
    selection: { pearsonThreshold, afterPearson: kept.length, mrmrK: k, mrmr: [...selected] },
    features: [...selected],
    scaler: {
      capping: pre.capping,
      standardise: pre.standardise,
      columns: pre.columns.filter((c) => selected.includes(c.name)).map((c) => ({ ...c })),
    },
    radScore: {
      model: 'logistic-regression',
      penalty: 'l2',
      C: logistic.params.C,
      intercept: estimates.intercept,
      coefficients: Array.from(estimates.coefficients),
      bestTestAucModel: best.model,
    },
    nomogram: { terms: specs, intercept, stepwise: [...step.terms], chart },
    thresholds: {
      radScoreYouden: Number.isFinite(radCut) ? radCut : 0,
      categories: [
        { label: 'low', fromProbability: 0 },
        { label: 'high', fromProbability: Number.isFinite(cutoff) ? cutoff : 0.5 },
      ],
    },
    metrics: { classifiers: rows, radScore: radMetrics, nomogram: nomoMetrics },
    calibration: {
      train: calibrationCurve(yTrain, pTrain).map((c) => ({ ...c })),
      test: yTest && pTest ? calibrationCurve(yTest, pTest, { bins: 5 }).map((c) => ({ ...c })) : null,
    },
    curves: {
      roc: {
        radScore: {
          train: rocArrays(yTrain, radTrain),
          test: yTest && radTest ? rocArrays(yTest, radTest) : null,
        },
        nomogram: { train: rocArrays(yTrain, pTrain), test: yTest && pTest ? rocArrays(yTest, pTest) : null },
      },
      dca: { train: dca(yTrain, pTrain), test: yTest && pTest ? dca(yTest, pTest) : null },
    },
  };
  say('done');
  return {
    artifact,
    table1: table1([outcomeVariable(input.outcomeName ?? 'outcome', input.y), ...input.clinical], isTest),
    isTest,
    y: input.y,
    radScore,
    probability,
  };
}

/** The outcome as a 0/1 factor, for its row of Table 1. */
function outcomeVariable(name: string, y: Float64Array): ClinicalVariable {
  return { kind: 'factor', name, values: Array.from(y, (v) => String(v)), levels: ['0', '1'], imputed: 0 };
}

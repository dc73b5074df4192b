/**
 * A small model trained once by the pipeline on a seeded synthetic cohort, shared by the artifact tests.
 */
import { clinicalVariable } from '../../src/model/clinical-table.ts';
import { trainStudyModel } from '../../src/model/training.ts';
import type { TrainingResult } from '../../src/model/training.ts';
import { trainingCohort } from './training-cohort.ts';
import type { Cohort } from './training-cohort.ts';

let cached: { cohort: Cohort; result: TrainingResult } | undefined;

/** Cohort (80 patients, 64 train, 40 features) and the pipeline's result with seed 4. */
export function trainedModel(): { cohort: Cohort; result: TrainingResult } {
  if (cached) return cached;
  const cohort = trainingCohort({ n: 80, train: 64, p: 40, informative: 8, seed: 8 });
  const isTest = cohort.split.map((s) => s === 'test');
  const result = trainStudyModel({
    features: { names: Object.keys(cohort.features), columns: Object.values(cohort.features) },
    clinical: Object.entries(cohort.clinical).map(([k, v]) =>
      clinicalVariable(
        k,
        v,
        isTest.map((t) => !t),
      ),
    ),
    y: Float64Array.from(cohort.y),
    isTest,
    seed: 4,
    meta: {
      id: 'test-model',
      version: '0.0.1',
      created: '2026-01-01T00:00:00.000Z',
      synthetic: true,
      description: 'seeded synthetic cohort',
      sites: ['synthetic'],
      radiomicsParams: 'params/study-1197.yaml',
    },
  });
  cached = { cohort, result };
  return cached;
}

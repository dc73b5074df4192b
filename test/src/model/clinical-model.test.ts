import { describe, it } from 'node:test';
import { clinicalNomogramModel, nomogramProbabilities } from '../../../src/model/clinical-model.ts';
import { clinicalVariable } from '../../../src/model/clinical-table.ts';
import { assertClose } from '../../support/tolerance.ts';
import { trainingCohort } from '../../support/training-cohort.ts';

const cohort = trainingCohort({ n: 90, train: 70, p: 2, informative: 2, seed: 12 });
const isTest = cohort.split.map((s) => s === 'test');
const clinical = Object.entries(cohort.clinical).map(([k, v]) =>
  clinicalVariable(
    k,
    v,
    isTest.map((t) => !t),
  ),
);
const radScore = Float64Array.from(cohort.features.original_feature_0000, (v) => (v - 100) / 15);
const yTrain = Float64Array.from(
  cohort.y.filter((_, i) => !isTest[i]),
  (v) => v,
);

describe('nomogramProbabilities', () => {
  it('equals the stepwise fit on the training rows (same model, term by term)', () => {
    const { step, specs } = clinicalNomogramModel(radScore, clinical, isTest, yTrain);
    const p = nomogramProbabilities(step.fit.estimates[0], specs, radScore, clinical);
    const train = p.filter((_, i) => !isTest[i]);
    train.forEach((v, i) => assertClose(v, step.fit.fitted[i], { rel: 1e-10, abs: 1e-12 }, `row ${i}`));
  });
});

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { fitLogistic } from '../../../src/model/logistic.ts';
import { predictLinear, predictProbability } from '../../../src/model/logistic-predict.ts';
import { StatsInputError } from '../../../src/errors.ts';
import { R_TOLERANCE, assertArrayClose, readRReference } from '../../support/r-reference.ts';

const ref = readRReference().logistic.find((c) => c.name === 'cohort84');
assert.ok(ref);
const fit = fitLogistic(ref.x, ref.y);

describe('predictProbability', () => {
  it('reproduces R fitted values on the training rows', () => {
    assertArrayClose(predictProbability(fit, ref.x), ref.fitted, R_TOLERANCE, 'predicted');
  });
});

describe('predictLinear', () => {
  it('reproduces R linear predictors on the training rows', () => {
    assertArrayClose(predictLinear(fit, ref.x), ref.linearPredictor, R_TOLERANCE, 'linear predictor');
  });

  it('throws length-mismatch when a row has the wrong number of covariates', () => {
    assert.throws(
      () => predictLinear(fit, [[1, 2]]),
      (e: unknown) => e instanceof StatsInputError && e.code === 'length-mismatch',
    );
  });
});

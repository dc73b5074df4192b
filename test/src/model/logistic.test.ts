import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { assertReliableFit, fitLogistic } from '../../../src/model/logistic.ts';
import { ModelFitError, StatsInputError } from '../../../src/errors.ts';
import { assertClose } from '../../support/tolerance.ts';
import { R_TOLERANCE, assertArrayClose, readRReference } from '../../support/r-reference.ts';
import type { RLogistic } from '../../support/r-reference.ts';

const cases = readRReference().logistic;
const byName = (name: string): RLogistic => {
  const c = cases.find((x) => x.name === name);
  assert.ok(c, `reference case ${name}`);
  return c;
};

/** R's glm warnings mapped to this module's warning codes. */
const R_WARNING_CODES: Record<string, string> = {
  'glm.fit: algorithm did not converge': 'not-converged',
  'glm.fit: fitted probabilities numerically 0 or 1 occurred': 'fitted-probabilities-0-or-1',
};

function assertMatchesGlm(ref: RLogistic): void {
  const fit = fitLogistic(ref.x, ref.y, { names: ref.columns });
  const col = (get: (k: (typeof fit.coefficients)[number]) => number): number[] => fit.coefficients.map(get);
  assert.deepEqual(fit.names, ['(Intercept)', ...ref.columns]);
  assertArrayClose(fit.estimates, ref.coefficients, R_TOLERANCE, `${ref.name} coefficients`);
  assertArrayClose(
    col((k) => k.standardError),
    ref.se,
    R_TOLERANCE,
    `${ref.name} SE`,
  );
  assertArrayClose(
    col((k) => k.z),
    ref.z,
    R_TOLERANCE,
    `${ref.name} z`,
  );
  assertArrayClose(
    col((k) => k.pValue),
    ref.p,
    R_TOLERANCE,
    `${ref.name} Wald p`,
  );
  assertArrayClose(
    col((k) => k.oddsRatio),
    ref.oddsRatio,
    R_TOLERANCE,
    `${ref.name} OR`,
  );
  assertArrayClose(
    col((k) => k.oddsRatioLower),
    ref.orLower,
    R_TOLERANCE,
    `${ref.name} OR lower`,
  );
  assertArrayClose(
    col((k) => k.oddsRatioUpper),
    ref.orUpper,
    R_TOLERANCE,
    `${ref.name} OR upper`,
  );
  assertClose(fit.deviance, ref.deviance, R_TOLERANCE, `${ref.name} deviance`);
  assertClose(fit.nullDeviance, ref.nullDeviance, R_TOLERANCE, `${ref.name} null deviance`);
  assertClose(fit.aic, ref.aic, R_TOLERANCE, `${ref.name} AIC`);
  assertArrayClose(fit.fitted, ref.fitted, R_TOLERANCE, `${ref.name} fitted`);
  assertArrayClose(fit.linearPredictor, ref.linearPredictor, R_TOLERANCE, `${ref.name} linear predictor`);
  assert.equal(fit.dfResidual, ref.dfResidual);
  assert.equal(fit.iterations, ref.iterations, `${ref.name} iterations`);
  assert.equal(fit.converged, ref.converged, `${ref.name} converged`);
  assert.deepEqual(
    fit.warnings.map((w) => w.code),
    ref.warnings.map((w) => R_WARNING_CODES[w]),
    `${ref.name} warnings`,
  );
}

describe('fitLogistic', () => {
  it('matches R glm on the 84-patient cohort with a 5-level factor', () => {
    assertMatchesGlm(byName('cohort84'));
  });

  it('matches R glm on 106 rows with 5 continuous covariates', () => {
    assertMatchesGlm(byName('wide106'));
  });

  it('matches R glm and reports not-converged and separation warnings when the outcome is separated', () => {
    const ref = byName('separated30');
    assertMatchesGlm(ref);
    const fit = fitLogistic(ref.x, ref.y);
    assert.equal(fit.converged, false);
    assert.equal(fit.separation, true);
  });

  it('matches R glm when one covariate level quasi-separates the outcome', () => {
    assertMatchesGlm(byName('quasiSeparated30'));
  });

  it('fits without an intercept when asked', () => {
    const ref = byName('wide106');
    const fit = fitLogistic(ref.x, ref.y, { intercept: false });
    assert.equal(fit.estimates.length, ref.columns.length);
    assert.equal(fit.aic, fit.deviance + 2 * ref.columns.length);
  });

  it('throws one-class when y holds only events', () => {
    assert.throws(
      () => fitLogistic([[1], [2], [3]], [1, 1, 1]),
      (e: unknown) => e instanceof StatsInputError && e.code === 'one-class',
    );
  });

  it('throws length-mismatch when x and y differ in length', () => {
    assert.throws(
      () => fitLogistic([[1], [2]], [0, 1, 0]),
      (e: unknown) => e instanceof StatsInputError && e.code === 'length-mismatch',
    );
  });

  it('throws non-finite-value naming the row when x holds NaN', () => {
    assert.throws(
      () => fitLogistic([[1], [Number.NaN], [3], [4]], [0, 1, 0, 1]),
      (e: unknown) =>
        e instanceof StatsInputError && e.code === 'non-finite-value' && /x row 1/.test(e.message),
    );
  });

  it('throws invalid-value when maxIterations is 0', () => {
    const ref = byName('wide106');
    assert.throws(
      () => fitLogistic(ref.x, ref.y, { maxIterations: 0 }),
      (e: unknown) =>
        e instanceof StatsInputError && e.code === 'invalid-value' && /maxIterations 0/.test(e.message),
    );
  });

  it('throws empty-input when y is empty', () => {
    assert.throws(
      () => fitLogistic([], []),
      (e: unknown) => e instanceof StatsInputError && e.code === 'empty-input',
    );
  });

  it('throws singular-design naming the column when a column duplicates another', () => {
    const x = [0.1, 0.5, 0.2, 0.9, 0.4, 0.7, 0.3, 0.8].map((v) => [v, 2 * v]);
    assert.throws(
      () => fitLogistic(x, [0, 1, 0, 1, 1, 0, 0, 1], { names: ['a', 'b'] }),
      (e: unknown) => e instanceof StatsInputError && e.code === 'singular-design' && /'b'/.test(e.message),
    );
  });
});

describe('assertReliableFit', () => {
  it('throws ModelFitError not-converged for the separated data and passes a clean fit', () => {
    const sep = byName('separated30');
    assert.throws(
      () => assertReliableFit(fitLogistic(sep.x, sep.y)),
      (e: unknown) => e instanceof ModelFitError && e.code === 'not-converged',
    );
    const ok = byName('cohort84');
    assert.doesNotThrow(() => assertReliableFit(fitLogistic(ok.x, ok.y)));
  });

  it('throws ModelFitError separation when the separated fit converges with more iterations', () => {
    const sep = byName('separated30');
    const fit = fitLogistic(sep.x, sep.y, { maxIterations: 100 });
    assert.equal(fit.converged, true);
    assert.throws(
      () => assertReliableFit(fit),
      (e: unknown) => e instanceof ModelFitError && e.code === 'separation',
    );
  });
});

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { factorTerm, numericTerm, stepwiseAic } from '../../../src/model/stepwise.ts';
import type { ModelTerm } from '../../../src/model/stepwise.ts';
import { StatsInputError } from '../../../src/errors.ts';
import { R_TOLERANCE, assertArrayClose } from '../../support/r-reference.ts';
import { readRModelReference } from '../../support/r-model-reference.ts';
import type { RStepwise } from '../../support/r-model-reference.ts';
import { assertClose } from '../../support/tolerance.ts';

const ref = readRModelReference();
const c = ref.clinical;
const k = ref.collinear;
const TERMS: Record<RStepwise['data'], Record<string, ModelTerm>> = {
  clinical84: {
    age: numericTerm('age', c.age),
    ki67: numericTerm('ki67', c.ki67),
    er: numericTerm('er', c.er),
    pr: numericTerm('pr', c.pr),
    her2: numericTerm('her2', c.her2),
    subtype: factorTerm('subtype', c.subtype, c.subtypeLevels),
    radscore: numericTerm('radscore', c.radscore),
    noise: numericTerm('noise', c.noise),
  },
  collinear84: {
    a: numericTerm('a', k.a),
    b: numericTerm('b', k.b),
    c: numericTerm('c', k.c),
    e: numericTerm('e', k.e),
    g: factorTerm('g', k.g, k.gLevels),
    h: numericTerm('h', k.h),
  },
};
const Y = { clinical84: c.y, collinear84: k.y };

function run(r: RStepwise): ReturnType<typeof stepwiseAic> {
  return stepwiseAic(
    r.termOrder.map((t) => TERMS[r.data][t]),
    Y[r.data],
    { start: r.start },
  );
}

function assertMatchesStepAic(r: RStepwise): void {
  const res = run(r);
  assert.deepEqual(
    res.steps.map((s) => s.change),
    r.steps.map((s) => s.change),
    `${r.name} path`,
  );
  res.steps.forEach((s, i) => {
    const e = r.steps[i];
    const what = `${r.name} step ${i} (${e.change || 'start'})`;
    assert.deepEqual(s.terms, e.terms, `${what} terms`);
    assertClose(s.aic, e.aic, R_TOLERANCE, `${what} AIC`);
    assertClose(s.deviance, e.deviance, R_TOLERANCE, `${what} deviance`);
    assert.equal(s.dfResidual, e.dfResidual, `${what} residual df`);
    assert.deepEqual(
      s.candidates.map((x) => x.change),
      e.candidates.map((x) => x.change),
      `${what} candidates`,
    );
    assertArrayClose(
      s.candidates.map((x) => x.aic),
      e.candidates.map((x) => x.aic),
      R_TOLERANCE,
      `${what} candidate AIC`,
    );
    assertArrayClose(
      s.candidates.map((x) => x.deviance),
      e.candidates.map((x) => x.deviance),
      R_TOLERANCE,
      `${what} candidate deviance`,
    );
  });
  assert.deepEqual(res.terms, r.finalTerms);
  assert.deepEqual(res.fit.names, r.finalNames);
  assertArrayClose(res.fit.estimates, r.finalCoefficients, R_TOLERANCE, `${r.name} final coefficients`);
  assertClose(res.fit.aic, r.finalAic, R_TOLERANCE, `${r.name} final AIC`);
}

const byName = (name: string): RStepwise => {
  const r = ref.stepwise.find((x) => x.name === name);
  assert.ok(r, name);
  return r;
};

describe('stepwiseAic', () => {
  it('reproduces MASS::stepAIC from the full model on a cohort with a 4-level factor (6 drops)', () => {
    assertMatchesStepAic(byName('clinical84Full'));
  });

  it('reproduces MASS::stepAIC from the null model with the same scope', () => {
    assertMatchesStepAic(byName('clinical84Null'));
  });

  it('reproduces a path that moves both ways (+ a + g + b + h - a), a factor entering as one term', () => {
    const r = byName('collinear84Null');
    assertMatchesStepAic(r);
    const res = run(r);
    const gStep = res.steps.find((s) => s.change === '+ g');
    assert.equal(gStep?.candidates[0].parameters, 4, 'intercept + a + two dummies of g');
    assertMatchesStepAic(byName('collinear84Full'));
  });

  it('never drops a term listed in keep', () => {
    const r = byName('clinical84Full');
    const res = stepwiseAic(
      r.termOrder.map((t) => TERMS.clinical84[t]),
      c.y,
      { keep: ['age', 'subtype'] },
    );
    assert.ok(res.terms.includes('age') && res.terms.includes('subtype'));
    assert.ok(
      res.steps.every((s) => s.candidates.every((x) => x.change !== '- age' && x.change !== '- subtype')),
    );
  });

  it('returns the start model alone when maxSteps is 0', () => {
    const res = stepwiseAic([TERMS.clinical84.age, TERMS.clinical84.radscore], c.y, { maxSteps: 0 });
    assert.equal(res.steps.length, 1);
    assert.deepEqual(res.terms, ['age', 'radscore']);
  });

  it('skips an addition that would make the design singular, as R drops 0-df rows', () => {
    const twice = numericTerm(
      'twice',
      c.radscore.map((v) => 2 * v),
    );
    const res = stepwiseAic([TERMS.clinical84.radscore, twice], c.y, { start: 'null' });
    assert.equal(res.terms.length, 1);
    const last = res.steps.at(-1);
    assert.ok(last && last.candidates.every((x) => !x.change.startsWith('+')));
  });

  it('throws StatsInputError for a repeated term, a wrong length or an unknown keep name', () => {
    const age = TERMS.clinical84.age;
    assert.throws(() => stepwiseAic([age, age], c.y), StatsInputError);
    assert.throws(() => stepwiseAic([numericTerm('x', [1, 2, 3])], c.y), StatsInputError);
    assert.throws(() => stepwiseAic([age], c.y, { keep: ['nope'] }), StatsInputError);
  });
});

describe('factorTerm', () => {
  it('builds R treatment-contrast dummies named <name><level>, the first level the reference', () => {
    const t = factorTerm('g', ['b', 'a', 'c', 'a'], ['a', 'b', 'c']);
    assert.deepEqual(t.columnNames, ['gb', 'gc']);
    assert.deepEqual(
      t.columns.map((x) => Array.from(x)),
      [
        [1, 0, 0, 0],
        [0, 0, 1, 0],
      ],
    );
    assert.deepEqual(factorTerm('g', ['y', 'x']).columnNames, ['gy']);
  });

  it('throws StatsInputError naming the row for a value outside the levels', () => {
    assert.throws(() => factorTerm('g', ['a', 'z'], ['a', 'b']), /row 2: 'z' is not one of its levels/);
  });
});

describe('numericTerm', () => {
  it('is a one-column term named after the covariate', () => {
    assert.deepEqual(numericTerm('age', [1, 2]).columnNames, ['age']);
  });
});

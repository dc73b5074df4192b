import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { binomialDeviance, logitInverse, logitMuEta } from '../../../src/model/binomial-family.ts';
import { assertClose } from '../../support/tolerance.ts';

const EXACT = { rel: 1e-15, abs: 0 };

describe('logitInverse', () => {
  it('clamps the linear predictor at ±30 as R logit_linkinv', () => {
    assert.equal(logitInverse(-40), Number.EPSILON / (1 + Number.EPSILON));
    assert.equal(logitInverse(40), 1 / Number.EPSILON / (1 + 1 / Number.EPSILON));
    assert.ok(logitInverse(40) < 1);
    assert.equal(logitInverse(0), 0.5);
    assertClose(logitInverse(2), 1 / (1 + Math.exp(-2)), EXACT, 'plogis(2)');
  });
});

describe('logitMuEta', () => {
  it('returns μ(1 - μ) inside ±30 and machine epsilon outside', () => {
    assertClose(logitMuEta(1), logitInverse(1) * (1 - logitInverse(1)), { rel: 1e-14, abs: 0 }, 'mu.eta(1)');
    assert.equal(logitMuEta(31), Number.EPSILON);
    assert.equal(logitMuEta(-31), Number.EPSILON);
  });
});

describe('binomialDeviance', () => {
  it('equals -2 log-likelihood of 0/1 data', () => {
    const mu = [0.2, 0.7, 0.9];
    const y = [0, 1, 0];
    const expected = -2 * (Math.log(0.8) + Math.log(0.7) + Math.log(0.1));
    assertClose(
      binomialDeviance(y, (i) => mu[i]),
      expected,
      EXACT,
      'deviance',
    );
  });
});

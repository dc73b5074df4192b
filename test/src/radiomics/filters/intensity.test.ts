import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  exponentialImage,
  logarithmImage,
  maxAbsolute,
  squareImage,
  squareRootImage,
} from '../../../../src/radiomics/filters/intensity.ts';
import { ImageDataError } from '../../../../src/errors.ts';
import { assertClose } from '../../../support/tolerance.ts';

const TOL = { rel: 1e-15, abs: 1e-15 };
const X = Float64Array.of(-4, -1, 0, 1, 4);

function assertArrayClose(actual: Float64Array, expected: readonly number[], what: string): void {
  assert.equal(actual.length, expected.length);
  expected.forEach((e, i) => assertClose(actual[i], e, TOL, `${what}[${i}]`));
}

describe('maxAbsolute', () => {
  it('returns max|x| over negative and positive values', () => {
    assert.equal(maxAbsolute(Float64Array.of(-7, 3, 5)), 7);
  });
});

describe('squareImage', () => {
  it('returns x^2 / M for M = max|x| = 4', () => {
    // (c x)^2 with c = 1/sqrt(4) = 1/2
    assertArrayClose(squareImage(X, 4), [4, 0.25, 0, 0.25, 4], 'square');
  });

  it("uses the whole image's M when the data is only a crop", () => {
    assertArrayClose(squareImage(X, 16), [1, 1 / 16, 0, 1 / 16, 1], 'square with M = 16');
  });

  it('throws ImageDataError for an all-zero image (PyRadiomics divides by zero)', () => {
    assert.throws(() => squareImage(new Float64Array(3), 0), ImageDataError);
  });
});

describe('squareRootImage', () => {
  it('returns sign(x) sqrt(|x| M) for M = 4', () => {
    assertArrayClose(squareRootImage(X, 4), [-4, -2, 0, 2, 4], 'squareroot');
  });

  it('keeps an all-zero image zero', () => {
    assertArrayClose(squareRootImage(new Float64Array(2), 0), [0, 0], 'squareroot of zeros');
  });
});

describe('logarithmImage', () => {
  it('returns sign(x) log(|x| + 1) M / log(M + 1) for M = 4', () => {
    const c = 4 / Math.log(5);
    assertArrayClose(logarithmImage(X, 4), [-4, -c * Math.log(2), 0, c * Math.log(2), 4], 'logarithm');
  });

  it('throws ImageDataError for an all-zero image', () => {
    assert.throws(() => logarithmImage(new Float64Array(3), 0), ImageDataError);
  });
});

describe('exponentialImage', () => {
  it('returns exp(x log(M) / M) = M^(x / M) for M = 4', () => {
    assertArrayClose(exponentialImage(X, 4), [0.25, 1 / Math.SQRT2, 1, Math.SQRT2, 4], 'exponential');
  });

  it('throws ImageDataError for an all-zero image', () => {
    assert.throws(() => exponentialImage(new Float64Array(3), 0), ImageDataError);
  });
});

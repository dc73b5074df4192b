import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  discretiseBySd,
  mrmrMutualInformation,
  mutualInformation,
} from '../../../src/model/mrmr-mutual-information.ts';
import { StatsInputError } from '../../../src/errors.ts';
import { R_TOLERANCE, assertArrayClose } from '../../support/r-reference.ts';
import { readRModelReference } from '../../support/r-model-reference.ts';
import type { RMrmr } from '../../support/r-model-reference.ts';
import { assertClose } from '../../support/tolerance.ts';

const ref = readRModelReference().selection;
const table = { names: ref.names, columns: ref.names.map((n) => ref.columns[n]) };

function assertMatchesR(got: ReturnType<typeof mrmrMutualInformation>, expected: RMrmr, what: string): void {
  assert.deepEqual(got.selected, expected.selected, `${what} order`);
  assertArrayClose(got.scores, expected.scores, R_TOLERANCE, `${what} scores`);
  assertArrayClose(got.relevance, expected.relevance, R_TOLERANCE, `${what} relevance`);
}

describe('discretiseBySd', () => {
  it('gives -1 / 0 / +1 at mean -+ t SD (SD with n - 1)', () => {
    // mean 3, sd (n-1) = sqrt(2.5) = 1.58: z = -1.26, -0.63, 0, 0.63, 1.26
    assert.deepEqual(Array.from(discretiseBySd([1, 2, 3, 4, 5], 1)), [-1, 0, 0, 0, 1]);
    assert.deepEqual(Array.from(discretiseBySd([1, 2, 3, 4, 5], 0)), [-1, -1, 0, 1, 1]);
  });

  it('gives all 0 for a constant column and throws StatsInputError for a negative threshold', () => {
    assert.deepEqual(Array.from(discretiseBySd([4, 4, 4], 1)), [0, 0, 0]);
    assert.throws(() => discretiseBySd([1, 2], -1), StatsInputError);
  });
});

describe('mutualInformation', () => {
  it('is 1 bit for two identical balanced binary vectors and 0 for independent ones', () => {
    assertClose(mutualInformation([0, 1, 0, 1], [5, 7, 5, 7]), 1, R_TOLERANCE);
    assertClose(mutualInformation([0, 0, 1, 1], [0, 1, 0, 1]), 0, R_TOLERANCE);
  });

  it('equals the entropy of a vector with itself: H = log2(3) for three equally frequent states', () => {
    assertClose(mutualInformation([-1, 0, 1, -1, 0, 1], [-1, 0, 1, -1, 0, 1]), Math.log2(3), R_TOLERANCE);
  });
});

describe('mrmrMutualInformation', () => {
  it('matches Peng MIQ restated in R (t = 1, pool 500): same order, scores and relevance', () => {
    assertMatchesR(mrmrMutualInformation(table, ref.y, 10), ref.miq10, 'MIQ');
  });

  it('matches Peng MID restated in R', () => {
    assertMatchesR(mrmrMutualInformation(table, ref.y, 10, { scheme: 'MID' }), ref.mid10, 'MID');
  });

  it('matches R with binarised features (t = 0) and with a candidate pool of 12', () => {
    assertMatchesR(mrmrMutualInformation(table, ref.y, 8, { threshold: 0 }), ref.miq8Binary, 'MIQ t=0');
    assertMatchesR(
      mrmrMutualInformation(table, ref.y, 6, { scheme: 'MID', poolSize: 12 }),
      ref.mid6Pool12,
      'MID pool 12',
    );
  });

  it('selects at most the pool size', () => {
    assert.equal(mrmrMutualInformation(table, ref.y, 20, { poolSize: 5 }).selected.length, 5);
  });

  it('throws StatsInputError (one-class) when y holds one class', () => {
    assert.throws(
      () =>
        mrmrMutualInformation(
          table,
          ref.y.map(() => 1),
          3,
        ),
      (e: unknown) => e instanceof StatsInputError && e.code === 'one-class',
    );
  });
});

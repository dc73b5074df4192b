import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Matrix, QrDecomposition } from 'ml-matrix';
import { assertFullRank, buildDesign, columnNames } from '../../../src/model/design-matrix.ts';
import { StatsInputError } from '../../../src/errors.ts';

describe('buildDesign', () => {
  it('prepends an intercept column in row-major order', () => {
    const d = buildDesign(
      [
        [2, 3],
        [4, 5],
      ],
      2,
      true,
    );
    assert.equal(d.p, 3);
    assert.deepEqual(Array.from(d.data), [1, 2, 3, 1, 4, 5]);
  });

  it('throws length-mismatch naming the ragged row', () => {
    assert.throws(
      () => buildDesign([[1, 2], [3]], 2, true),
      (e: unknown) => e instanceof StatsInputError && e.code === 'length-mismatch' && /row 1/.test(e.message),
    );
  });

  it('throws empty-input when there is neither a covariate nor an intercept', () => {
    assert.throws(
      () => buildDesign([[], []], 2, false),
      (e: unknown) => e instanceof StatsInputError && e.code === 'empty-input',
    );
  });
});

describe('columnNames', () => {
  it('names the intercept (Intercept) and defaults covariates to x1, x2', () => {
    assert.deepEqual(columnNames(undefined, 2, true), ['(Intercept)', 'x1', 'x2']);
    assert.deepEqual(columnNames(['age'], 1, false), ['age']);
    assert.throws(() => columnNames(['a'], 2, true), StatsInputError);
  });
});

describe('assertFullRank', () => {
  it('throws singular-design for a constant second column beside the intercept', () => {
    const a = new Matrix([
      [1, 2],
      [1, 2],
      [1, 2],
    ]);
    assert.throws(
      () => assertFullRank(new QrDecomposition(a).upperTriangularMatrix, a, ['(Intercept)', 'k']),
      (e: unknown) => e instanceof StatsInputError && e.code === 'singular-design' && /'k'/.test(e.message),
    );
  });
});

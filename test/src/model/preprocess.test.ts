import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Preprocessor, fitPreprocessor, median } from '../../../src/model/preprocess.ts';
import { DataTableError, FileFormatError, StatsInputError } from '../../../src/errors.ts';
import { quantileType7 } from '../../../src/stats/quantile.ts';
import { assertArrayClose } from '../../support/r-reference.ts';
import { assertClose } from '../../support/tolerance.ts';

const TOL = { rel: 1e-12, abs: 1e-12 };
/** Training column with a missing value and an outlier: observed median of 20 values = 10.5. */
const X = [...Array.from({ length: 19 }, (_, i) => i + 1), 200, null];
const W = [3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5, 8, 9, 7, 9, 3, 2, 3, 8, 4, 6];
const train = { names: ['x', 'w'], columns: [X, W] };

function meanSd(v: ArrayLike<number>, ddof: number): [number, number] {
  const a = Array.from(v);
  const m = a.reduce((s, x) => s + x, 0) / a.length;
  return [m, Math.sqrt(a.reduce((s, x) => s + (x - m) ** 2, 0) / (a.length - ddof))];
}

describe('fitPreprocessor', () => {
  it('imputes the training median, caps at mean -+ 3 SD (n - 1) and z-scores with the population SD', () => {
    const p = fitPreprocessor(train);
    const x = p.columns[0];
    assert.equal(x.median, 10.5);
    assert.equal(x.imputed, 1);
    const imputed = X.map((v) => v ?? 10.5);
    const [m1, s1] = meanSd(imputed, 1);
    assertClose(x.lower ?? NaN, m1 - 3 * s1, TOL, 'lower');
    assertClose(x.upper ?? NaN, m1 + 3 * s1, TOL, 'upper');
    assert.equal(x.capped, 1, 'the value 200 is capped');
    const capped = imputed.map((v) => Math.min(v, m1 + 3 * s1));
    const [m0, s0] = meanSd(capped, 0);
    assertClose(x.mean, m0, TOL, 'mean');
    assertClose(x.sd, s0, TOL, 'population SD');
    const out = p.apply(train).columns[0];
    const [zm, zs] = meanSd(out, 0);
    assertClose(zm, 0, TOL, 'z mean');
    assertClose(zs, 1, TOL, 'z SD');
  });

  it('caps at the type-7 1st/99th percentiles with the percentile rule and can skip capping and scaling', () => {
    const p = fitPreprocessor(train, { capping: { method: 'percentile', lower: 0.01, upper: 0.99 } });
    const [lo, hi] = quantileType7(
      X.map((v) => v ?? 10.5),
      [0.01, 0.99],
    );
    assert.equal(p.columns[0].lower, lo);
    assert.equal(p.columns[0].upper, hi);
    const raw = fitPreprocessor(train, { capping: { method: 'none' }, standardise: false });
    assert.deepEqual(Array.from(raw.apply(train).columns[0]), [...X.slice(0, 20), 10.5]);
  });

  it('applies the training values to new rows, not the new rows own statistics', () => {
    const p = fitPreprocessor(train);
    const x = p.columns[0];
    const test = {
      names: ['w', 'x', 'extra'],
      columns: [
        [5, 5],
        [null, 1000],
        ['a', 'b'],
      ],
    };
    const out = p.apply(test);
    assert.deepEqual(out.names, ['x', 'w']);
    assertArrayClose(
      out.columns[0],
      [(10.5 - x.mean) / x.sd, ((x.upper ?? NaN) - x.mean) / x.sd],
      TOL,
      'x in new rows',
    );
  });

  it('throws DataTableError naming the column and row for a non-numeric cell', () => {
    assert.throws(
      () => fitPreprocessor({ names: ['a'], columns: [[1, 'high', 3]], rowLabels: ['P1', 'P2', 'P3'] }),
      (e: unknown) =>
        e instanceof DataTableError &&
        e.code === 'non-numeric-value' &&
        /column 'a', row 2 \(id 'P2'\)/.test(e.message),
    );
  });

  it('throws DataTableError for a constant or all-missing column, or drops and lists it when asked', () => {
    const t = {
      names: ['ok', 'flat', 'empty'],
      columns: [
        [1, 2, 3],
        [7, 7, null],
        [null, NaN, undefined],
      ],
    };
    assert.throws(
      () => fitPreprocessor(t),
      (e: unknown) => e instanceof DataTableError && e.code === 'constant-column' && /'flat'/.test(e.message),
    );
    assert.throws(
      () => fitPreprocessor({ names: ['empty'], columns: [[null, null]] }),
      (e: unknown) => e instanceof DataTableError && e.code === 'all-missing-column',
    );
    const p = fitPreprocessor(t, { onDegenerateColumn: 'drop' });
    assert.deepEqual(p.names, ['ok']);
    assert.deepEqual(p.dropped, [
      { name: 'flat', reason: 'constant-column' },
      { name: 'empty', reason: 'all-missing-column' },
    ]);
  });

  it('throws for an invalid capping rule, too few rows, and a column missing at apply time', () => {
    assert.throws(() => fitPreprocessor(train, { capping: { method: 'sd', k: 0 } }), StatsInputError);
    assert.throws(() => fitPreprocessor({ names: ['a'], columns: [[1]] }), StatsInputError);
    assert.throws(
      () => fitPreprocessor(train).apply({ names: ['x'], columns: [[1]] }),
      (e: unknown) => e instanceof DataTableError && e.code === 'missing-column' && /'w'/.test(e.message),
    );
  });
});

describe('Preprocessor', () => {
  it('round-trips through JSON text and applies identically', () => {
    const p = fitPreprocessor(train, { capping: { method: 'none' } });
    const back = Preprocessor.fromJSON(JSON.parse(JSON.stringify(p)));
    assert.deepEqual(back.toJSON(), p.toJSON());
    assert.deepEqual(back.apply(train), p.apply(train));
  });

  it('refuses JSON of another format or with a bad column with FileFormatError', () => {
    assert.throws(() => Preprocessor.fromJSON({ format: 'other', version: 1 }), FileFormatError);
    const json = fitPreprocessor(train).toJSON();
    assert.throws(
      () => Preprocessor.fromJSON({ ...json, columns: [{ ...json.columns[0], sd: 0 }] }),
      FileFormatError,
    );
  });
});

describe('median', () => {
  it('is the middle value for an odd count and the mean of the two middle ones for an even count', () => {
    assert.equal(median([3, 1, 2]), 2);
    assert.equal(median([4, 1, 3, 2]), 2.5);
  });
});

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { anovaF, mrmrFcq, pearsonCorrelation, pearsonFilter } from '../../../src/model/selection.ts';
import { StatsInputError } from '../../../src/errors.ts';
import { R_TOLERANCE, assertArrayClose } from '../../support/r-reference.ts';
import { readRModelReference } from '../../support/r-model-reference.ts';
import { assertClose } from '../../support/tolerance.ts';

const ref = readRModelReference().selection;
const table = { names: ref.names, columns: ref.names.map((n) => ref.columns[n]) };
const col = (name: string): number[] => ref.columns[name];

describe('pearsonCorrelation', () => {
  it('is 1 for a linear transform, -1 for a negated one and NaN for a constant vector', () => {
    assertClose(pearsonCorrelation([1, 2, 3, 5], [3, 5, 7, 11]), 1, R_TOLERANCE);
    assertClose(pearsonCorrelation([1, 2, 3, 5], [-1, -2, -3, -5]), -1, R_TOLERANCE);
    assert.ok(Number.isNaN(pearsonCorrelation([1, 2, 3], [4, 4, 4])));
  });

  it('throws StatsInputError when the lengths differ', () => {
    assert.throws(() => pearsonCorrelation([1, 2, 3], [1, 2]), StatsInputError);
  });
});

describe('pearsonFilter', () => {
  it('keeps the same columns, in order, as R cor() with the keep-first rule at 0.90 and 0.95', () => {
    assert.deepEqual(pearsonFilter(table, 0.9).selected, ref.pearson090);
    assert.deepEqual(pearsonFilter(table).selected, ref.pearson090);
    assert.deepEqual(pearsonFilter(table, 0.95).selected, ref.pearson095);
  });

  it('keeps the end of a chain whose middle was dropped (rule A, not "drop the later of every pair")', () => {
    const rAB = pearsonCorrelation(col('chainA'), col('chainB'));
    const rBC = pearsonCorrelation(col('chainB'), col('chainC'));
    const rAC = pearsonCorrelation(col('chainA'), col('chainC'));
    assert.ok(rAB > 0.95 && rBC > 0.95 && rAC <= 0.95, `chain r: ${rAB}, ${rBC}, ${rAC}`);
    const kept = pearsonFilter(table, 0.95);
    assert.ok(kept.selected.includes('chainC') && !kept.selected.includes('chainB'));
    assert.deepEqual(
      kept.dropped.find((d) => d.name === 'chainB'),
      { name: 'chainB', correlatedWith: 'chainA', r: rAB },
    );
  });

  it('drops a strongly negatively correlated column and names the kept one', () => {
    const d = pearsonFilter(table, 0.9).dropped.find((x) => x.name === 'negB');
    assert.equal(d?.correlatedWith, 'negA');
    assert.ok((d?.r ?? 0) < -0.9);
  });

  it('throws StatsInputError naming the column when a value is missing, and for a threshold outside (0, 1]', () => {
    assert.throws(
      () =>
        pearsonFilter({
          names: ['a', 'b'],
          columns: [
            [1, 2, 3],
            [1, NaN, 2],
          ],
        }),
      (e: unknown) =>
        e instanceof StatsInputError && e.code === 'non-finite-value' && /column 'b'/.test(e.message),
    );
    assert.throws(() => pearsonFilter(table, 0), StatsInputError);
    assert.throws(() => pearsonFilter(table, 1.5), StatsInputError);
  });
});

describe('anovaF', () => {
  it('matches R oneway.test(var.equal = TRUE) for every reference column', () => {
    assertArrayClose(
      table.columns.map((x) => anovaF(x, ref.y)),
      ref.anovaF,
      R_TOLERANCE,
      'F',
    );
  });

  it('is +Inf when classes are perfectly separated without spread and NaN for a constant column', () => {
    assert.equal(anovaF([1, 1, 2, 2], [0, 0, 1, 1]), Infinity);
    assert.ok(Number.isNaN(anovaF([3, 3, 3, 3], [0, 0, 1, 1])));
  });

  it('throws StatsInputError (one-class) when y holds one class', () => {
    assert.throws(
      () => anovaF([1, 2, 3], [1, 1, 1]),
      (e: unknown) => e instanceof StatsInputError && e.code === 'one-class',
    );
  });
});

describe('mrmrFcq', () => {
  it('selects the same 10 columns in the same order as the mrmr_selection 0.2.9 loop restated in R, with equal scores', () => {
    const m = mrmrFcq(table, ref.y, 10);
    assert.deepEqual(m.selected, ref.fcq10.selected);
    assertArrayClose(m.scores, ref.fcq10.scores, R_TOLERANCE, 'FCQ scores');
    assertArrayClose(m.relevance, ref.fcq10.relevance, R_TOLERANCE, 'FCQ relevance');
  });

  it('ranks every column with a positive F when K exceeds their number, in R order', () => {
    const m = mrmrFcq(table, ref.y, 100);
    assert.deepEqual(m.selected, ref.fcqAll.selected);
    assertArrayClose(m.scores, ref.fcqAll.scores, R_TOLERANCE, 'FCQ scores');
  });

  it('breaks a tie by taking the earlier column (two identical columns)', () => {
    const m = mrmrFcq(table, ref.y, 10);
    assert.ok(m.selected.indexOf('dup1') < m.selected.indexOf('dup2'));
  });

  it('leaves out a constant column (F = NaN -> 0) and scores 0 a column whose mean redundancy is exactly 1', () => {
    const a = [1, 2, 3, 4, 5, 6];
    const y = [0, 0, 0, 1, 1, 1];
    const m = mrmrFcq({ names: ['const', 'a', 'copy'], columns: [[2, 2, 2, 2, 2, 2], a, [...a]] }, y, 5);
    assert.deepEqual(m.selected, ['a', 'copy']);
    assert.equal(m.scores[1], 0);
  });

  it('throws StatsInputError when K is not a positive integer or y has the wrong length', () => {
    assert.throws(() => mrmrFcq(table, ref.y, 0), StatsInputError);
    assert.throws(() => mrmrFcq(table, ref.y.slice(1), 3), StatsInputError);
  });
});

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { assertTableShape, columnIndices, describeRow, numericCell } from '../../../src/model/table.ts';
import { DataTableError } from '../../../src/errors.ts';

const isCode = (code: string) => (e: unknown) => e instanceof DataTableError && e.code === code;

describe('numericCell', () => {
  it('passes finite numbers, turns missing cells into NaN and rejects text, booleans and infinities', () => {
    assert.equal(numericCell(2.5, 'a', 0), 2.5);
    assert.ok(Number.isNaN(numericCell(null, 'a', 0)));
    assert.ok(Number.isNaN(numericCell(undefined, 'a', 0)));
    assert.ok(Number.isNaN(numericCell(NaN, 'a', 0)));
    assert.throws(() => numericCell('3', 'a', 4), /column 'a', row 5: "3" is not a finite number/);
    assert.throws(() => numericCell(true, 'a', 0), isCode('non-numeric-value'));
    assert.throws(() => numericCell(Infinity, 'a', 0), isCode('non-numeric-value'));
  });
});

describe('assertTableShape', () => {
  it('returns the row count and rejects repeated names, ragged columns and mismatched labels', () => {
    assert.equal(
      assertTableShape({
        names: ['a', 'b'],
        columns: [
          [1, 2],
          [3, 4],
        ],
      }),
      2,
    );
    assert.throws(
      () => assertTableShape({ names: ['a', 'a'], columns: [[1], [2]] }),
      isCode('duplicate-column'),
    );
    assert.throws(
      () => assertTableShape({ names: ['a', 'b'], columns: [[1], [2, 3]] }),
      isCode('malformed-table'),
    );
    assert.throws(
      () => assertTableShape({ names: ['a'], columns: [[1]], rowLabels: [] }),
      isCode('malformed-table'),
    );
  });
});

describe('columnIndices', () => {
  it('finds columns by name and throws missing-column listing those present', () => {
    const t = { names: ['a', 'b'], columns: [[1], [2]] };
    assert.deepEqual(columnIndices(t, ['b', 'a']), [1, 0]);
    assert.throws(() => columnIndices(t, ['c']), /column 'c' is not in the table \(columns present: a, b\)/);
  });
});

describe('describeRow', () => {
  it('names a row by its 1-based number and its label when there is one', () => {
    assert.equal(describeRow(0, undefined), 'row 1');
    assert.equal(describeRow(2, ['x', 'y', 'P3']), "row 3 (id 'P3')");
  });
});

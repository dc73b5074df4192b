import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { binEdges, discretise } from '../../../src/radiomics/discretise.ts';
import { SettingsError } from '../../../src/errors.ts';

describe('discretise', () => {
  it('anchors fixed-width bins at 0: level = floor(x/W) - floor(min/W) + 1', () => {
    const values = [-1024, -10, 0, 24.999, 25, 49];
    const expected = values.map((x) => Math.floor(x / 25) - Math.floor(-1024 / 25) + 1);
    assert.deepEqual(Array.from(discretise(values, 25, null).levels), expected);
    assert.deepEqual(expected, [1, 41, 42, 42, 43, 43]);
  });

  it('puts a maximum that falls on an edge into a new top bin', () => {
    assert.deepEqual(Array.from(discretise([0, 25, 50], 25, null).levels), [1, 2, 3]);
  });

  it('uses numpy.histogram edges with the last edge + 1 for a fixed bin count', () => {
    assert.deepEqual(Array.from(binEdges(0, 4, 25, 4)), [0, 1, 2, 3, 5]);
    assert.deepEqual(Array.from(discretise([0, 1, 2, 3, 4], 25, 4).levels), [1, 2, 3, 4, 4]);
  });

  it('gives one level to a flat region', () => {
    const { levels } = discretise([7, 7, 7], 25, null);
    assert.equal(new Set(levels).size, 1);
  });

  it('rejects binWidth <= 0 and a non-integer bin count, naming the key', () => {
    assert.throws(
      () => discretise([1, 2], -25, null),
      (e: unknown) => e instanceof SettingsError && /binWidth must be > 0, got -25/.test(e.message),
    );
    assert.throws(
      () => discretise([1, 2], 25, 2.5),
      (e: unknown) => e instanceof SettingsError && /binCount/.test(e.message),
    );
  });
});

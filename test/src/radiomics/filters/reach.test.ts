import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { filterReach, isCropFilteringExact, waveletAxes } from '../../../../src/radiomics/filters/reach.ts';
import { DEFAULT_SETTINGS } from '../../../../src/radiomics/settings.ts';

describe('filterReach', () => {
  it('is 0 for the point-wise image types and 1 for Gradient', () => {
    for (const t of ['Original', 'Square', 'SquareRoot', 'Logarithm', 'Exponential'] as const) {
      assert.deepEqual(filterReach(t, DEFAULT_SETTINGS, [1, 1, 1]), [0, 0, 0]);
    }
    assert.deepEqual(filterReach('Gradient', DEFAULT_SETTINGS, [1, 1, 1]), [1, 1, 1]);
  });

  it('is F/2 per level for Wavelet (coif1: 3; start_level 1 + level 2: 9), 0 on an axis force2D drops', () => {
    assert.deepEqual(filterReach('Wavelet', DEFAULT_SETTINGS, [1, 1, 1]), [3, 3, 3]);
    assert.deepEqual(
      filterReach('Wavelet', { ...DEFAULT_SETTINGS, start_level: 1, level: 2 }, [1, 1, 1]),
      [9, 9, 9],
    );
    assert.deepEqual(filterReach('Wavelet', { ...DEFAULT_SETTINGS, force2D: true }, [1, 1, 1]), [3, 3, 0]);
  });

  it('takes the largest sigma for LoG, per axis in voxels', () => {
    assert.deepEqual(filterReach('LoG', { ...DEFAULT_SETTINGS, sigma: [1, 2] }, [0.5, 1, 2]), [68, 36, 20]);
  });
});

describe('waveletAxes', () => {
  it('drops numpy axis force2Ddimension (0 = z, 1 = y, 2 = x) under force2D', () => {
    assert.deepEqual(waveletAxes({ force2D: true, force2Ddimension: 0 }), [0, 1]);
    assert.deepEqual(waveletAxes({ force2D: true, force2Ddimension: 2 }), [1, 2]);
  });
});

describe('isCropFilteringExact', () => {
  it('is false for Wavelet once the padded box reaches an image edge (periodic boundary)', () => {
    const box = { lo: [3, 5, 5] as const, hi: [10, 10, 10] as const };
    assert.equal(isCropFilteringExact('Wavelet', box, [20, 20, 20], DEFAULT_SETTINGS, [1, 1, 1]), true);
    const edge = { lo: [2, 5, 5] as const, hi: [10, 10, 10] as const };
    assert.equal(isCropFilteringExact('Wavelet', edge, [20, 20, 20], DEFAULT_SETTINGS, [1, 1, 1]), false);
    assert.equal(isCropFilteringExact('LoG', edge, [20, 20, 20], DEFAULT_SETTINGS, [1, 1, 1]), true);
  });
});

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { EPS, entropy, levelIndex, nanMean } from '../../../../src/radiomics/features/texture-math.ts';
import { roiFromSlices } from '../../../support/roi-builder.ts';
import { assertClose } from '../../../support/tolerance.ts';

describe('EPS', () => {
  it('equals numpy.spacing(1)', () => {
    assert.equal(EPS, 2 ** -52);
  });
});

describe('nanMean', () => {
  it('skips NaN entries and averages the first n', () => {
    assert.equal(nanMean(Float64Array.of(1, NaN, 3, 100), 3), 2);
  });
  it('returns NaN when every entry is NaN or there is none', () => {
    assert.ok(Number.isNaN(nanMean(Float64Array.of(NaN, NaN))));
    assert.ok(Number.isNaN(nanMean(new Float64Array(0))));
  });
});

describe('entropy', () => {
  it('computes -sum p log2(p + eps) over a slice, zeros contributing nothing', () => {
    assertClose(entropy(Float64Array.of(9, 0.5, 0.5, 0, 9), 1, 3), 1, { rel: 1e-15, abs: 1e-15 });
  });
});

describe('levelIndex', () => {
  it('maps present levels to consecutive rows and absent levels to -1', () => {
    const roi = roiFromSlices([[[1, 4, 4, 2]]]);
    assert.deepEqual(Array.from(levelIndex(roi)), [-1, 0, 1, -1, 2]);
  });
});

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { buildRoiInput } from '../../../src/radiomics/roi-input.ts';
import { validateSettings } from '../../../src/radiomics/params.ts';
import { ImageDataError, MaskError } from '../../../src/errors.ts';

describe('buildRoiInput', () => {
  const settings = validateSettings({ binWidth: 10 });
  it('discretises only ROI voxels and records Ng and the levels present', () => {
    const r = buildRoiInput(
      new Float64Array([0, 5, 25, 999, 31]),
      Uint8Array.from([1, 1, 1, 0, 1]),
      [5, 1, 1],
      [1, 1, 1],
      settings,
    );
    assert.deepEqual(Array.from(r.binned), [1, 1, 3, 0, 4]);
    assert.equal(r.maxGrayLevel, 4);
    assert.deepEqual(Array.from(r.grayLevels), [1, 3, 4]);
    assert.equal(r.voxelCount, 4);
  });

  it('throws for an empty ROI and for an infinite ROI voxel, naming the image type', () => {
    assert.throws(
      () => buildRoiInput(new Float64Array(2), new Uint8Array(2), [2, 1, 1], [1, 1, 1], settings),
      MaskError,
    );
    assert.throws(
      () =>
        buildRoiInput(
          new Float64Array([1, Infinity]),
          Uint8Array.from([1, 1]),
          [2, 1, 1],
          [1, 1, 1],
          settings,
          'square',
        ),
      (e: unknown) =>
        e instanceof ImageDataError &&
        /"square" has a infinite voxel|"square" has an? infinite voxel/.test(e.message),
    );
  });
});

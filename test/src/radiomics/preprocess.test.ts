import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { checkMask, normalizeImage, resegmentMask } from '../../../src/radiomics/preprocess.ts';
import { validateSettings } from '../../../src/radiomics/params.ts';
import { makeGrid } from '../../../src/volume/grid.ts';
import { MaskError } from '../../../src/errors.ts';
import { assertClose } from '../../support/tolerance.ts';

const grid = makeGrid([4, 1, 1]);

describe('normalizeImage', () => {
  it('centres and scales by the sample standard deviation, then applies normalizeScale', () => {
    const out = normalizeImage(
      { grid, data: new Float32Array([1, 2, 3, 4]) },
      validateSettings({ normalize: true, normalizeScale: 100 }),
    );
    const sd = Math.sqrt(((1.5 ** 2 + 0.5 ** 2) * 2) / 3);
    assertClose(out.data[0], (-1.5 / sd) * 100, { rel: 1e-12, abs: 0 }, 'first voxel');
    assertClose(out.data[3], (1.5 / sd) * 100, { rel: 1e-12, abs: 0 }, 'last voxel');
  });

  it('clips outliers at +-removeOutliers before scaling', () => {
    const out = normalizeImage(
      { grid, data: new Float32Array([1, 2, 3, 40]) },
      validateSettings({ normalize: true, removeOutliers: 1 }),
    );
    assert.equal(out.data[3], 1);
  });
});

describe('checkMask', () => {
  it('throws roi-too-small for a single voxel and roi-dimensionality below minimumROIDimensions', () => {
    const one = new Uint8Array(4);
    one[1] = 1;
    assert.throws(
      () => checkMask({ grid, data: one }, validateSettings({})),
      (e: unknown) => e instanceof MaskError && e.code === 'roi-too-small',
    );
    const line = Uint8Array.from([1, 1, 0, 0]);
    assert.throws(
      () => checkMask({ grid, data: line }, validateSettings({ minimumROIDimensions: 2 })),
      (e: unknown) => e instanceof MaskError && e.code === 'roi-dimensionality',
    );
    assert.equal(
      checkMask({ grid, data: line }, validateSettings({ minimumROIDimensions: 1 })).voxelCount,
      2,
    );
  });
});

describe('resegmentMask', () => {
  const image = { grid, data: new Float32Array([-100, 0, 50, 100]) };
  const all = Uint8Array.from([1, 1, 1, 1]);
  it('keeps voxels within an absolute range, and a single value sets only the lower bound', () => {
    assert.deepEqual(
      Array.from(resegmentMask(image.data, all, validateSettings({ resegmentRange: [0, 60] }))),
      [0, 1, 1, 0],
    );
    assert.deepEqual(
      Array.from(resegmentMask(image.data, all, validateSettings({ resegmentRange: [0] }))),
      [0, 1, 1, 1],
    );
  });
  it('uses mean +- k population SD in sigma mode', () => {
    // mean 12.5, population sd = sqrt(((112.5)^2 + 12.5^2 + 37.5^2 + 87.5^2)/4)
    const sd = Math.sqrt((112.5 ** 2 + 12.5 ** 2 + 37.5 ** 2 + 87.5 ** 2) / 4);
    assert.ok(12.5 - sd > -100 && 12.5 + sd < 100);
    assert.deepEqual(
      Array.from(
        resegmentMask(image.data, all, validateSettings({ resegmentRange: [-1, 1], resegmentMode: 'sigma' })),
      ),
      [0, 1, 1, 0],
    );
  });
  it('throws when resegmentation leaves one voxel or none', () => {
    assert.throws(
      () => resegmentMask(image.data, all, validateSettings({ resegmentRange: [99] })),
      (e: unknown) => e instanceof MaskError && /left 1 voxel/.test(e.message),
    );
  });
});

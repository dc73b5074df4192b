import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { parseNifti } from '../../../../src/volume/io/nifti.ts';
import { rasterToMask, rasterToVolume } from '../../../../src/volume/io/raster.ts';
import { indexToLps } from '../../../../src/volume/grid.ts';
import { readReference, referencePath } from '../../../support/reference.ts';
import { FileFormatError } from '../../../../src/errors.ts';

describe('parseNifti', () => {
  it('reads the IBSI digital phantom (.nii.gz) voxel for voxel as its CSV decoding', () => {
    const image = rasterToVolume(parseNifti(readReference('ibsi', 'phantom.nii.gz')));
    const mask = rasterToMask(parseNifti(readReference('ibsi', 'mask.nii.gz')));
    assert.deepEqual(image.grid.size, [5, 4, 4]);
    assert.deepEqual(Array.from(image.grid.spacingMm), [2, 2, 2]);
    const rows = readFileSync(referencePath('ibsi', 'ibsi1_digital_phantom_voxels.csv'), 'utf8')
      .trim()
      .split('\n')
      .slice(1);
    assert.equal(rows.length, 80);
    for (const row of rows) {
      const [x, y, z, v, m] = row.split(',').map(Number) as [number, number, number, number, number];
      const i = x + 5 * (y + 4 * z);
      assert.equal(image.data[i], v, `intensity at ${x},${y},${z}`);
      assert.equal(mask.data[i], m, `mask at ${x},${y},${z}`);
    }
  });

  it('converts the sform from RAS to LPS', () => {
    const r = parseNifti(readReference('ibsi', 'phantom.nii.gz'));
    // srow_x = (-2,0,0,0), srow_y = (0,-2,0,0): in LPS both axes point along +x and +y.
    assert.deepEqual(Array.from(r.grid.direction), [1, 0, 0, 0, 1, 0, 0, 0, 1]);
    assert.deepEqual(Array.from(indexToLps(r.grid, [1, 1, 1])), [2, 2, 2]);
  });

  it('throws FileFormatError for a truncated file', () => {
    assert.throws(() => parseNifti(new Uint8Array(100)), FileFormatError);
  });
});
